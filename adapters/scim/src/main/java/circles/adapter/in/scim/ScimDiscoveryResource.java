package circles.adapter.in.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The discovery endpoints of RFC 7644 §4 ({@code ServiceProviderConfig}, {@code ResourceTypes}, {@code Schemas}),
 * which describe the service and need a SCIM token like every other SCIM endpoint, and a SCIM 404 for any other
 * path under {@code /scim/v2}.
 */
@Path("/scim/v2")
public class ScimDiscoveryResource {
    private static final ArrayNode SCHEMAS = readSchemas();

    private final ScimHttp http;

    @Inject
    public ScimDiscoveryResource(ScimHttp http) {
        this.http = http;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig(@Context HttpHeaders headers, @Context UriInfo uri) {
        return http.answer(headers, () -> {
            http.authenticate(headers);
            ObjectNode config = ScimHttp.newObject();
            config.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
            config.putObject("patch").put("supported", true);
            config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
            config.putObject("filter").put("supported", true).put("maxResults", ListQuery.MAX_COUNT);
            config.putObject("changePassword").put("supported", false);
            config.putObject("sort").put("supported", true);
            config.putObject("etag").put("supported", true);
            ObjectNode bearer = config.putArray("authenticationSchemes").addObject();
            bearer.put("type", "oauthbearertoken");
            bearer.put("name", "SCIM token");
            bearer.put("description", "A per-org bearer token issued by an org admin at POST /v1/orgs/{orgId}/scim-tokens.");
            bearer.put("primary", true);
            meta(config, "ServiceProviderConfig", ScimHttp.base(uri) + "/ServiceProviderConfig");
            return http.json(200, config, null, headers);
        });
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes(@Context HttpHeaders headers, @Context UriInfo uri) {
        return http.answer(headers, () -> {
            http.authenticate(headers);
            ArrayNode types = ScimHttp.mapper().createArrayNode();
            types.add(resourceType("User", "/Users", ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER, uri));
            types.add(resourceType("Group", "/Groups", ScimSchemas.GROUP, null, uri));
            return http.json(200, list(types), null, headers);
        });
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("name") String name) {
        return http.answer(headers, () -> {
            http.authenticate(headers);
            return switch (name) {
                case "User" -> http.json(200, resourceType("User", "/Users", ScimSchemas.USER,
                        ScimSchemas.ENTERPRISE_USER, uri), null, headers);
                case "Group" -> http.json(200, resourceType("Group", "/Groups", ScimSchemas.GROUP, null, uri), null,
                        headers);
                default -> throw ScimException.notFound("There is no resource type " + name + ".");
            };
        });
    }

    @GET
    @Path("Schemas")
    public Response schemas(@Context HttpHeaders headers, @Context UriInfo uri) {
        return http.answer(headers, () -> {
            http.authenticate(headers);
            ArrayNode schemas = ScimHttp.mapper().createArrayNode();
            SCHEMAS.forEach(schema -> schemas.add(schemaResource(schema, uri)));
            return http.json(200, list(schemas), null, headers);
        });
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("id") String id) {
        return http.answer(headers, () -> {
            http.authenticate(headers);
            for (JsonNode schema : SCHEMAS) {
                if (schema.path("id").asText().equals(id)) {
                    return http.json(200, schemaResource(schema, uri), null, headers);
                }
            }
            throw ScimException.notFound("There is no schema " + id + ".");
        });
    }

    @GET
    @Path("{any: .*}")
    public Response unknownGet(@Context HttpHeaders headers, @Context UriInfo uri) {
        return unknown(headers, uri);
    }

    @POST
    @Path("{any: .*}")
    public Response unknownPost(@Context HttpHeaders headers, @Context UriInfo uri) {
        return unknown(headers, uri);
    }

    @PUT
    @Path("{any: .*}")
    public Response unknownPut(@Context HttpHeaders headers, @Context UriInfo uri) {
        return unknown(headers, uri);
    }

    @PATCH
    @Path("{any: .*}")
    public Response unknownPatch(@Context HttpHeaders headers, @Context UriInfo uri) {
        return unknown(headers, uri);
    }

    @DELETE
    @Path("{any: .*}")
    public Response unknownDelete(@Context HttpHeaders headers, @Context UriInfo uri) {
        return unknown(headers, uri);
    }

    private Response unknown(HttpHeaders headers, UriInfo uri) {
        return http.error(404, null, "There is no SCIM resource at " + uri.getPath() + ".", headers);
    }

    private static ObjectNode resourceType(String name, String endpoint, String schema, String extension,
                                           UriInfo uri) {
        ObjectNode type = ScimHttp.newObject();
        type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", name.equals("User") ? "Org members" : "Static groups of the org");
        type.put("schema", schema);
        if (extension != null) {
            type.putArray("schemaExtensions").addObject().put("schema", extension).put("required", false);
        }
        meta(type, "ResourceType", ScimHttp.base(uri) + "/ResourceTypes/" + name);
        return type;
    }

    private static ObjectNode schemaResource(JsonNode schema, UriInfo uri) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        copy.putArray("schemas").add(ScimSchemas.SCHEMA);
        meta(copy, "Schema", ScimHttp.base(uri) + "/Schemas/" + schema.path("id").asText());
        return copy;
    }

    private static void meta(ObjectNode resource, String type, String location) {
        resource.putObject("meta").put("resourceType", type).put("location", location);
    }

    private static ObjectNode list(ArrayNode resources) {
        ObjectNode list = ScimHttp.newObject();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", resources.size());
        list.put("startIndex", 1);
        list.put("itemsPerPage", resources.size());
        list.set("Resources", resources);
        return list;
    }

    private static ArrayNode readSchemas() {
        try (InputStream in = ScimDiscoveryResource.class.getResourceAsStream("/scim/schemas.json")) {
            return (ArrayNode) ScimHttp.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("scim/schemas.json is part of the SCIM adapter", e);
        }
    }
}
