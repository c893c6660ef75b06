package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.Filter;
import circles.adapter.in.scim.filter.FilterEvaluator;
import circles.application.port.in.provisioning.ChangeProvisionedGroupUseCase;
import circles.application.port.in.provisioning.ChangeProvisionedGroupUseCase.MemberStep;
import circles.application.port.in.provisioning.DeleteProvisionedGroupUseCase;
import circles.application.port.in.provisioning.GetProvisionedGroupUseCase;
import circles.application.port.in.provisioning.ListProvisionedGroupMembersUseCase;
import circles.application.port.in.provisioning.ListProvisionedGroupsUseCase;
import circles.application.port.in.provisioning.ProvisionGroupUseCase;
import circles.application.port.out.provisioning.ProvisionedGroupRepository.MemberRef;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;
import circles.domain.shared.NotFound;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /scim/v2/Groups}: the org's static groups. A PATCH is translated into member steps that name only the
 * members concerned (Entra ID's {@code members[value eq "…"]} removals included), so a member list is never loaded
 * to change it; a PATCH answers 204 unless {@code attributes} or {@code excludedAttributes} ask for the group.
 * Member lists are read only when an answer shows them or a filter reads them.
 */
@Path("/scim/v2/Groups")
public class ScimGroupsResource {
    private static final int PAGE = 500;
    private static final FilterEvaluator EVALUATOR = new FilterEvaluator(ScimSchemas.GROUP);

    private final ScimHttp http;
    private final ProvisionGroupUseCase provision;
    private final ChangeProvisionedGroupUseCase change;
    private final DeleteProvisionedGroupUseCase delete;
    private final GetProvisionedGroupUseCase getGroup;
    private final ListProvisionedGroupsUseCase listGroups;
    private final ListProvisionedGroupMembersUseCase listMembers;

    @Inject
    public ScimGroupsResource(ScimHttp http, ProvisionGroupUseCase provision, ChangeProvisionedGroupUseCase change,
                              DeleteProvisionedGroupUseCase delete, GetProvisionedGroupUseCase getGroup,
                              ListProvisionedGroupsUseCase listGroups,
                              ListProvisionedGroupMembersUseCase listMembers) {
        this.http = http;
        this.provision = provision;
        this.change = change;
        this.delete = delete;
        this.getGroup = getGroup;
        this.listGroups = listGroups;
        this.listMembers = listMembers;
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

    /** PUT, PATCH and DELETE address one resource, never the collection: a SCIM 405, not the REST adapter's. */
    @PUT
    public Response putCollection(@Context HttpHeaders headers) {
        return http.error(405, null, "PUT needs a resource: /scim/v2/Groups/{id}.", headers);
    }

    @PATCH
    public Response patchCollection(@Context HttpHeaders headers) {
        return http.error(405, null, "PATCH needs a resource: /scim/v2/Groups/{id}.", headers);
    }

    @DELETE
    public Response deleteCollection(@Context HttpHeaders headers) {
        return http.error(405, null, "DELETE needs a resource: /scim/v2/Groups/{id}.", headers);
    }

    @POST
    @Path("{id}")
    public Response postToResource(@Context HttpHeaders headers) {
        return http.error(405, null, "POST creates in the collection /scim/v2/Groups; a resource takes GET, PUT,"
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
        boolean withMembers = query.projection.shows("members") || query.reads("members");
        List<ObjectNode> matches = new ArrayList<>();
        for (ProvisionedGroup group : candidates(orgId, query)) {
            ObjectNode json = GroupRepresentation.toJson(group,
                    withMembers ? members(orgId, group.group().id()) : null, base);
            if (query.matches(EVALUATOR, json)) {
                matches.add(json);
            }
        }
        return query.answer(matches, EVALUATOR, ScimSchemas.GROUP);
    }

    private List<ProvisionedGroup> candidates(OrgId orgId, ListQuery query) {
        Optional<String> id = query.pinned("id", ScimSchemas.GROUP);
        if (id.isPresent()) {
            return find(orgId, id.get()).map(List::of).orElse(List.of());
        }
        List<ProvisionedGroup> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ProvisionedGroup> page = listGroups.list(orgId, new PageRequest(PAGE, cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @POST
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body,
                           @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            Projection projection = Projection.of(attributes, excludedAttributes);
            ObjectNode json = http.object(headers, body);
            ProvisionedGroup group = provision.provision(new ProvisionGroupUseCase.Command(orgId,
                    displayName(json), text(json, "externalId"),
                    GroupRepresentation.memberIds(FilterEvaluator.field(json, "members"))));
            ObjectNode created = representation(orgId, group, projection, ScimHttp.base(uri));
            return Response.fromResponse(http.json(201, projection.apply(created, ScimSchemas.GROUP),
                            GroupRepresentation.etag(group), headers))
                    .location(URI.create(created.path("meta").path("location").asText(
                            ScimHttp.base(uri) + "/Groups/" + group.group().id())))
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
            ProvisionedGroup group = load(orgId, id);
            String etag = GroupRepresentation.etag(group);
            if (ScimHttp.notModified(headers, etag)) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).build();
            }
            return http.json(200, projection.apply(representation(orgId, group, projection, ScimHttp.base(uri)),
                    ScimSchemas.GROUP), etag, headers);
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
            ObjectNode json = http.object(headers, body);
            GroupId groupId = groupId(id);
            List<UserId> members = GroupRepresentation.memberIds(FilterEvaluator.field(json, "members"));
            ProvisionedGroup group = change.change(new ChangeProvisionedGroupUseCase.Command(orgId, groupId,
                    GroupRepresentation.expectedVersion(headers.getHeaderString(HttpHeaders.IF_MATCH)),
                    displayName(json), Optional.ofNullable(text(json, "externalId")).or(() -> Optional.of("")),
                    List.of(new MemberStep.RetainOnly(members), new MemberStep.Add(members))));
            return http.json(200, projection.apply(representation(orgId, group, projection, ScimHttp.base(uri)),
                    ScimSchemas.GROUP), GroupRepresentation.etag(group), headers);
        });
    }

    @PATCH
    @Path("{id}")
    public Response patch(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("id") String id,
                          byte[] body, @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            GroupId groupId = groupId(id);
            List<PatchOperations.Operation> operations = PatchOperations.parse(http.object(headers, body));
            ChangeProvisionedGroupUseCase.Command command = translate(orgId, groupId,
                    GroupRepresentation.expectedVersion(headers.getHeaderString(HttpHeaders.IF_MATCH)), operations);
            ProvisionedGroup group = change.change(command);
            if (attributes == null && excludedAttributes == null) {
                return Response.noContent().header(HttpHeaders.ETAG, GroupRepresentation.etag(group)).build();
            }
            Projection projection = Projection.of(attributes, excludedAttributes);
            return http.json(200, projection.apply(representation(orgId, group, projection, ScimHttp.base(uri)),
                    ScimSchemas.GROUP), GroupRepresentation.etag(group), headers);
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context HttpHeaders headers, @PathParam("id") String id) {
        return http.answer(headers, () -> {
            OrgId orgId = http.authenticate(headers);
            ProvisionedGroup group = load(orgId, id);
            ScimHttp.requireMatch(headers, GroupRepresentation.etag(group));
            delete.delete(orgId, group.group().id());
            return Response.noContent().build();
        });
    }

    /** The PATCH operations as one change: name, externalId and member steps in the order given. */
    static ChangeProvisionedGroupUseCase.Command translate(OrgId orgId, GroupId groupId, String expectedVersion,
                                                          List<PatchOperations.Operation> operations) {
        String displayName = null;
        Optional<String> externalId = null;
        List<MemberStep> steps = new ArrayList<>();
        for (PatchOperations.Operation operation : operations) {
            PatchOperations.Op op = operation.op();
            if (operation.path() == null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = operation.value().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    switch (field.getKey().toLowerCase(java.util.Locale.ROOT)) {
                        case "displayname" -> displayName = textValue(field.getValue(), "displayName");
                        case "externalid" -> externalId = Optional.ofNullable(textValue(field.getValue(), "externalId"))
                                .or(() -> Optional.of(""));
                        case "members" -> steps.addAll(memberSteps(op, field.getValue()));
                        case "id" -> {
                            if (!field.getValue().asText().equals(groupId.toString())) {
                                throw ScimException.mutability("id cannot be changed");
                            }
                        }
                        case "schemas", "meta" -> {
                        }
                        default -> throw ScimException.invalidPath("groups have no attribute " + field.getKey());
                    }
                }
                continue;
            }
            var path = operation.path();
            String attribute = path.attribute().name().toLowerCase(java.util.Locale.ROOT);
            if (path.attribute().schema() != null && !path.attribute().schema().equalsIgnoreCase(ScimSchemas.GROUP)) {
                throw ScimException.invalidPath("groups have no attribute " + path.attribute());
            }
            switch (attribute) {
                case "members" -> {
                    if (path.targetSubAttribute() != null) {
                        throw ScimException.invalidPath("members are added and removed whole, not by "
                                + path.targetSubAttribute());
                    }
                    if (path.filtered()) {
                        if (op != PatchOperations.Op.REMOVE) {
                            throw ScimException.invalidPath("a filtered members path can only be removed");
                        }
                        steps.add(new MemberStep.Remove(filteredIds(path.valueFilter())));
                    } else {
                        steps.addAll(memberSteps(op, operation.value()));
                    }
                }
                case "displayname" -> {
                    if (op == PatchOperations.Op.REMOVE) {
                        throw ScimException.mutability("displayName is required");
                    }
                    displayName = textValue(operation.value(), "displayName");
                }
                case "externalid" -> externalId = op == PatchOperations.Op.REMOVE ? Optional.of("")
                        : Optional.of(textValue(operation.value(), "externalId"));
                default -> throw ScimException.invalidPath("groups have no attribute " + path.attribute());
            }
        }
        return new ChangeProvisionedGroupUseCase.Command(orgId, groupId, expectedVersion, displayName, externalId,
                steps);
    }

    private static List<MemberStep> memberSteps(PatchOperations.Op op, JsonNode value) {
        List<UserId> ids = GroupRepresentation.memberIds(value);
        return switch (op) {
            case ADD -> List.of(new MemberStep.Add(ids));
            case REMOVE -> value == null ? List.of(new MemberStep.RetainOnly(List.of()))
                    : List.of(new MemberStep.Remove(ids));
            case REPLACE -> List.of(new MemberStep.RetainOnly(ids), new MemberStep.Add(ids));
        };
    }

    /** The ids of {@code members[value eq "a" or value eq "b"]}; any other member filter is refused. */
    private static List<UserId> filteredIds(Filter filter) {
        List<UserId> ids = new ArrayList<>();
        collect(filter, ids);
        return ids;
    }

    private static void collect(Filter filter, List<UserId> ids) {
        switch (filter) {
            case Filter.Comparison comparison when comparison.operator() == Filter.Operator.EQ
                    && comparison.path().name().equalsIgnoreCase("value") && comparison.path().subAttribute() == null
                    && comparison.value().isTextual() ->
                    ids.addAll(GroupRepresentation.memberIds(ScimHttp.newObject().put("value",
                            comparison.value().textValue())));
            case Filter.Or or -> {
                collect(or.left(), ids);
                collect(or.right(), ids);
            }
            default -> throw ScimException.invalidFilter("members are selected by value eq \"<user id>\""
                    + " (joined with or)");
        }
    }

    private ObjectNode representation(OrgId orgId, ProvisionedGroup group, Projection projection, String base) {
        return GroupRepresentation.toJson(group, projection.shows("members") ? members(orgId, group.group().id())
                : null, base);
    }

    private List<MemberRef> members(OrgId orgId, GroupId groupId) {
        List<MemberRef> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<MemberRef> page = listMembers.members(orgId, groupId, new PageRequest(PAGE, cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private Optional<ProvisionedGroup> find(OrgId orgId, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        try {
            return Optional.of(getGroup.get(orgId, new GroupId(uuid)));
        } catch (NotFound missing) {
            return Optional.empty();
        }
    }

    private ProvisionedGroup load(OrgId orgId, String id) {
        return find(orgId, id).orElseThrow(() -> ScimException.notFound("There is no group " + id + "."));
    }

    private static GroupId groupId(String id) {
        try {
            return new GroupId(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            throw ScimException.notFound("There is no group " + id + ".");
        }
    }

    private static String displayName(ObjectNode json) {
        String name = text(json, "displayName");
        if (name == null || name.isBlank()) {
            throw ScimException.invalidValue("displayName is required");
        }
        return name;
    }

    private static String text(ObjectNode json, String name) {
        JsonNode value = FilterEvaluator.field(json, name);
        return value == null || value.isNull() ? null : textValue(value, name);
    }

    private static String textValue(JsonNode value, String name) {
        if (value == null || !value.isTextual()) {
            throw ScimException.invalidValue(name + " must be a string");
        }
        return value.textValue();
    }
}
