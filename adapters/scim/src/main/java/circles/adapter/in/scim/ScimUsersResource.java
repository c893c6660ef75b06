package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.FilterEvaluator;
import circles.application.port.in.provisioning.DeprovisionUserUseCase;
import circles.application.port.in.provisioning.GetProvisionedUserUseCase;
import circles.application.port.in.provisioning.ListProvisionedUsersUseCase;
import circles.application.port.in.provisioning.ProvisionUserUseCase;
import circles.application.port.in.provisioning.ReplaceProvisionedUserUseCase;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.shared.DomainException;
import circles.domain.shared.NotFound;
import circles.domain.shared.VersionConflict;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /scim/v2/Users}: the org's members, for the identity provider holding one of its SCIM tokens.
 * PATCH applies the operations to the user's current representation and stores the result like a PUT (retried
 * when a concurrent change got in between, unless the client pinned a version with {@code If-Match}); a PUT without
 * {@code externalId} keeps the stored one. After a DELETE the user is gone for every operation here (RFC 7644 §3.6).
 */
@Path("/scim/v2/Users")
public class ScimUsersResource {
    private static final int PATCH_ATTEMPTS = 3;
    private static final int SCAN_PAGE = 500;
    private static final FilterEvaluator EVALUATOR = new FilterEvaluator(ScimSchemas.USER);
    private static final List<String> EXTENSIONS = List.of(ScimSchemas.ENTERPRISE_USER);

    private final ScimHttp http;
    private final ScimSettings settings;
    private final ProvisionUserUseCase provision;
    private final ReplaceProvisionedUserUseCase replace;
    private final DeprovisionUserUseCase deprovision;
    private final GetProvisionedUserUseCase getUser;
    private final ListProvisionedUsersUseCase listUsers;

    @Inject
    public ScimUsersResource(ScimHttp http, ScimSettings settings, ProvisionUserUseCase provision,
                             ReplaceProvisionedUserUseCase replace, DeprovisionUserUseCase deprovision,
                             GetProvisionedUserUseCase getUser, ListProvisionedUsersUseCase listUsers) {
        this.http = http;
        this.settings = settings;
        this.provision = provision;
        this.replace = replace;
        this.deprovision = deprovision;
        this.getUser = getUser;
        this.listUsers = listUsers;
    }

    @GET
    public Response list(@Context HttpHeaders headers, @Context UriInfo uri, @QueryParam("filter") String filter,
                         @QueryParam("startIndex") String startIndex, @QueryParam("count") String count,
                         @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder,
                         @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            ListQuery query = ListQuery.of(filter, startIndex, count, sortBy, sortOrder, attributes,
                    excludedAttributes);
            return http.json(200, search(orgId, query, ScimHttp.base(uri)), null, headers);
        });
    }

    /** POST /Users/.search (RFC 7644 §3.4.3): the query in the body instead of the URL. */
    /** PUT, PATCH and DELETE address one resource, never the collection: a SCIM 405, not the REST adapter's. */
    @PUT
    public Response putCollection(@Context HttpHeaders headers) {
        return http.error(405, null, "PUT needs a resource: /scim/v2/Users/{id}.", headers);
    }

    @PATCH
    public Response patchCollection(@Context HttpHeaders headers) {
        return http.error(405, null, "PATCH needs a resource: /scim/v2/Users/{id}.", headers);
    }

    @DELETE
    public Response deleteCollection(@Context HttpHeaders headers) {
        return http.error(405, null, "DELETE needs a resource: /scim/v2/Users/{id}.", headers);
    }

    @POST
    @Path("{id}")
    public Response postToResource(@Context HttpHeaders headers) {
        return http.error(405, null, "POST creates in the collection /scim/v2/Users; a resource takes GET, PUT,"
                + " PATCH and DELETE.", headers);
    }

    @POST
    @Path(".search")
    public Response search(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            ListQuery query = SearchRequest.of(http.object(headers, body));
            return http.json(200, search(orgId, query, ScimHttp.base(uri)), null, headers);
        });
    }

    private ObjectNode search(OrgId orgId, ListQuery query, String base) {
        List<ObjectNode> matches = new ArrayList<>();
        for (ProvisionedUser user : candidates(orgId, query)) {
            ObjectNode json = UserRepresentation.toJson(user, settings, base);
            if (query.matches(EVALUATOR, json)) {
                matches.add(json);
            }
        }
        return query.answer(matches, EVALUATOR, ScimSchemas.USER);
    }

    /** The users that may match: looked up when the filter pins an id or a userName, else every member. */
    private List<ProvisionedUser> candidates(OrgId orgId, ListQuery query) {
        Optional<String> id = query.pinned("id", ScimSchemas.USER);
        if (id.isEmpty() && settings.subjectIsExternalId()) {
            id = query.pinned("externalId", ScimSchemas.USER);
        }
        if (id.isPresent()) {
            return find(orgId, id.get()).map(List::of).orElse(List.of());
        }
        Optional<String> userName = query.pinned("userName", ScimSchemas.USER);
        if (userName.isPresent()) {
            return listUsers.withUserName(orgId, userName.get());
        }
        List<ProvisionedUser> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ProvisionedUser> page = listUsers.list(orgId, new PageRequest(SCAN_PAGE, cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private Optional<ProvisionedUser> find(OrgId orgId, String id) {
        UserId userId;
        try {
            userId = new UserId(id);
        } catch (DomainException notAUserId) {
            return Optional.empty();
        }
        try {
            return Optional.of(getUser.get(orgId, userId));
        } catch (NotFound missing) {
            return Optional.empty();
        }
    }

    @POST
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body,
                           @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            Projection projection = Projection.of(attributes, excludedAttributes);
            UserRepresentation.Parsed parsed = UserRepresentation.fromJson(http.object(headers, body), settings);
            ProvisionedUser user = provision.provision(new ProvisionUserUseCase.Command(orgId, parsed.userId(),
                    parsed.data()));
            ObjectNode json = UserRepresentation.toJson(user, settings, ScimHttp.base(uri));
            return Response.fromResponse(http.json(201, projection.apply(json, ScimSchemas.USER),
                            json.path("meta").path("version").asText(), headers))
                    .location(URI.create(json.path("meta").path("location").asText()))
                    .build();
        });
    }

    @GET
    @Path("{id}")
    public Response get(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("id") String id,
                        @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            Projection projection = Projection.of(attributes, excludedAttributes);
            ObjectNode json = UserRepresentation.toJson(load(orgId, id), settings, ScimHttp.base(uri));
            String etag = json.path("meta").path("version").asText();
            if (ScimHttp.notModified(headers, etag)) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).build();
            }
            return http.json(200, projection.apply(json, ScimSchemas.USER), etag, headers);
        });
    }

    @PUT
    @Path("{id}")
    public Response put(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("id") String id,
                        byte[] body, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            Projection projection = Projection.of(attributes, excludedAttributes);
            ObjectNode representation = http.object(headers, body);
            ProvisionedUser current = load(orgId, id);
            String base = ScimHttp.base(uri);
            ObjectNode currentJson = UserRepresentation.toJson(current, settings, base);
            ScimHttp.requireMatch(headers, currentJson.path("meta").path("version").asText());
            UserRepresentation.keepExternalId(representation, currentJson);
            ProvisionedUser stored = store(orgId, current, representation);
            return updated(stored, projection, base, headers);
        });
    }

    @PATCH
    @Path("{id}")
    public Response patch(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("id") String id,
                          byte[] body, @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            Projection projection = Projection.of(attributes, excludedAttributes);
            List<PatchOperations.Operation> operations = PatchOperations.parse(http.object(headers, body));
            String base = ScimHttp.base(uri);
            boolean pinned = headers.getHeaderString(HttpHeaders.IF_MATCH) != null;
            for (int attempt = 1; ; attempt++) {
                ProvisionedUser current = load(orgId, id);
                ObjectNode representation = UserRepresentation.toJson(current, settings, base);
                ScimHttp.requireMatch(headers, representation.path("meta").path("version").asText());
                representation.remove("meta");
                PatchOperations.apply(representation, operations, ScimSchemas.USER, EXTENSIONS);
                try {
                    return updated(store(orgId, current, representation), projection, base, headers);
                } catch (VersionConflict concurrent) {
                    if (pinned || attempt == PATCH_ATTEMPTS) {
                        throw concurrent;
                    }
                }
            }
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("id") String id) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            ProvisionedUser current = load(orgId, id);
            if (headers.getHeaderString(HttpHeaders.IF_MATCH) != null) {
                ScimHttp.requireMatch(headers, UserRepresentation.toJson(current, settings, ScimHttp.base(uri))
                        .path("meta").path("version").asText());
            }
            deprovision.deprovision(orgId, current.member().userId(), settings.userDelete());
            return Response.noContent().build();
        });
    }

    /** Stores a full representation over the current user, refusing a change of the subject (the user id). */
    private ProvisionedUser store(OrgId orgId, ProvisionedUser current, ObjectNode representation) {
        UserRepresentation.Parsed parsed = UserRepresentation.fromJson(representation, settings);
        if (!parsed.userId().equals(current.member().userId())) {
            throw ScimException.mutability((settings.subjectIsExternalId() ? "externalId" : "userName")
                    + " carries the user's sign-in subject and cannot change (it is "
                    + current.member().userId() + ")");
        }
        return replace.replace(new ReplaceProvisionedUserUseCase.Command(orgId, current.member().userId(),
                current.member().version(), parsed.data()));
    }

    private Response updated(ProvisionedUser user, Projection projection, String base, HttpHeaders headers) {
        ObjectNode json = UserRepresentation.toJson(user, settings, base);
        return http.json(200, projection.apply(json, ScimSchemas.USER), json.path("meta").path("version").asText(),
                headers);
    }

    private ProvisionedUser load(OrgId orgId, String id) {
        return find(orgId, id).orElseThrow(() -> ScimException.notFound("There is no user " + id + "."));
    }
}
