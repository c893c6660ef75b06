package circles.adapter.in.rest.group;

import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.adapter.in.rest.http.Wire;
import circles.adapter.in.rest.membership.GroupMemberResponse;
import circles.application.port.in.group.ArchiveGroupUseCase;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.group.DeleteGroupUseCase;
import circles.application.port.in.group.GetGroupHierarchyUseCase;
import circles.application.port.in.group.GetGroupUseCase;
import circles.application.port.in.group.GroupView;
import circles.application.port.in.group.ListGroupsUseCase;
import circles.application.port.in.group.ListSubgroupsUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.in.membership.JoinGroupUseCase;
import circles.application.port.in.membership.LeaveGroupUseCase;
import circles.application.port.out.group.GroupRepository;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.VersionConflict;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import circles.adapter.in.rest.http.ConditionalGet;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/** Groups, their hierarchy and lifecycle, and joining and leaving them. */
@Path("/v1/groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {
    private static final int Q_MAX = 200;
    /** A patch that merges into settings or metadata is re-read and retried this often when raced. */
    private static final int MERGE_ATTEMPTS = 3;
    private static final Map<String, GroupRepository.Sort> SORTS = Map.of(
            "name", GroupRepository.Sort.NAME,
            "-name", GroupRepository.Sort.NAME_DESC,
            "createdAt", GroupRepository.Sort.CREATED_AT,
            "-createdAt", GroupRepository.Sort.CREATED_AT_DESC);

    private final CreateGroupUseCase createGroup;
    private final ListGroupsUseCase listGroups;
    private final GetGroupUseCase getGroup;
    private final UpdateGroupUseCase updateGroup;
    private final DeleteGroupUseCase deleteGroup;
    private final ArchiveGroupUseCase archiveGroup;
    private final GetGroupHierarchyUseCase hierarchy;
    private final ListSubgroupsUseCase subgroups;
    private final JoinGroupUseCase joinGroup;
    private final LeaveGroupUseCase leaveGroup;
    private final IdempotentCreates creates;

    @Inject
    public GroupResource(CreateGroupUseCase createGroup, ListGroupsUseCase listGroups, GetGroupUseCase getGroup,
                         UpdateGroupUseCase updateGroup, DeleteGroupUseCase deleteGroup,
                         ArchiveGroupUseCase archiveGroup, GetGroupHierarchyUseCase hierarchy,
                         ListSubgroupsUseCase subgroups, JoinGroupUseCase joinGroup, LeaveGroupUseCase leaveGroup,
                         IdempotentCreates creates) {
        this.createGroup = createGroup;
        this.listGroups = listGroups;
        this.getGroup = getGroup;
        this.updateGroup = updateGroup;
        this.deleteGroup = deleteGroup;
        this.archiveGroup = archiveGroup;
        this.hierarchy = hierarchy;
        this.subgroups = subgroups;
        this.joinGroup = joinGroup;
        this.leaveGroup = leaveGroup;
        this.creates = creates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, String body,
                           @Context UriInfo uri) {
        JsonNode json = JsonBodies.parse(body);
        CreateGroupUseCase.Command command = GroupRequests.create(BodyObject.of(json, ""));
        return creates.create(idempotencyKey, "POST /v1/groups", uri, json,
                location -> getGroup.get(Params.groupId(IdempotentCreates.lastSegment(location))), () -> {
            GroupResponse group = GroupResponse.of(createGroup.create(command));
            return new Created("/v1/groups/" + group.id(), group);
        });
    }

    @ConditionalGet
    @GET
    public PageResponse<GroupResponse> list(@QueryParam("orgId") String orgId, @QueryParam("type") String type,
                                            @QueryParam("kind") String kind, @QueryParam("parentId") String parentId,
                                            @QueryParam("visibility") String visibility,
                                            @QueryParam("status") String status, @QueryParam("q") String q,
                                            @QueryParam("membership") String membership,
                                            @QueryParam("sort") String sort, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        ListGroupsUseCase.Query query = new ListGroupsUseCase.Query(
                Params.optionalOrgId("orgId", orgId),
                Params.enumValue("type", type, GroupType.class),
                Params.enumValue("kind", kind, GroupKind.class),
                Params.optionalGroupId("parentId", parentId),
                Params.enumValue("visibility", visibility, Visibility.class),
                Params.enumValue("status", status, GroupStatus.class),
                Params.text("q", q, Q_MAX),
                Params.enumValue("membership", membership, GroupRepository.MembershipFilter.class),
                sort(sort));
        return PageResponse.of(listGroups.list(query, Params.page(limit, cursor)), GroupResponse::of);
    }

    private static GroupRepository.Sort sort(String sort) {
        if (sort == null) {
            return GroupRepository.Sort.NAME;
        }
        GroupRepository.Sort order = SORTS.get(sort);
        if (order == null) {
            throw new InvalidInput("sort", "must be one of name, -name, createdAt, -createdAt");
        }
        return order;
    }

    @GET
    @Path("{groupId}")
    public Response get(@PathParam("groupId") String groupId) {
        return tagged(getGroup.get(Params.groupId(groupId)));
    }

    /**
     * A merge into {@code settings} or {@code metadata} is computed from the group as last read, so the update
     * is made conditional on that version; without {@code If-Match} a concurrent change is retried.
     */
    @PATCH
    @Path("{groupId}")
    @Consumes({Responses.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("groupId") String groupId, @HeaderParam(ETags.IF_MATCH) String ifMatch,
                           String body) {
        GroupId id = Params.groupId(groupId);
        Long expected = ETags.expectedVersion(ifMatch);
        BodyObject patch = JsonBodies.object(body);
        if (!GroupRequests.mergesIntoCurrent(patch)) {
            return tagged(updateGroup.update(GroupRequests.update(id, expected, patch, null)));
        }
        for (int attempt = 1; ; attempt++) {
            Group current = getGroup.get(id).group();
            long basis = expected != null ? expected : current.version();
            try {
                return tagged(updateGroup.update(GroupRequests.update(id, basis, patch, current)));
            } catch (VersionConflict raced) {
                if (expected != null || attempt >= MERGE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    @DELETE
    @Path("{groupId}")
    public Response delete(@PathParam("groupId") String groupId, @QueryParam("cascade") String cascade) {
        deleteGroup.delete(Params.groupId(groupId), Params.flag("cascade", cascade, false));
        return Response.noContent().build();
    }

    @POST
    @Path("{groupId}/archive")
    public Response archive(@PathParam("groupId") String groupId) {
        return tagged(archiveGroup.archive(Params.groupId(groupId)));
    }

    @POST
    @Path("{groupId}/unarchive")
    public Response unarchive(@PathParam("groupId") String groupId) {
        return tagged(archiveGroup.unarchive(Params.groupId(groupId)));
    }

    @GET
    @Path("{groupId}/hierarchy")
    public GroupHierarchyResponse hierarchy(@PathParam("groupId") String groupId) {
        return GroupHierarchyResponse.of(hierarchy.hierarchy(Params.groupId(groupId)));
    }

    @GET
    @Path("{groupId}/subgroups")
    public PageResponse<GroupResponse> subgroups(@PathParam("groupId") String groupId,
                                                 @QueryParam("limit") String limit,
                                                 @QueryParam("cursor") String cursor) {
        return PageResponse.of(subgroups.subgroups(Params.groupId(groupId), Params.page(limit, cursor)),
                GroupResponse::of);
    }

    @POST
    @Path("{groupId}/join")
    public Response join(@PathParam("groupId") String groupId) {
        JoinGroupUseCase.Joined joined = joinGroup.join(Params.groupId(groupId));
        GroupMemberResponse member = GroupMemberResponse.direct(joined.membership());
        if (!joined.created()) {
            return Responses.ok(member, member.etag());
        }
        return Response.status(Response.Status.CREATED)
                .entity(member)
                .header(HttpHeaders.LOCATION,
                        "/v1/groups/" + member.groupId() + "/members/" + Wire.pathSegment(member.userId()))
                .header(HttpHeaders.ETAG, member.etag())
                .build();
    }

    @POST
    @Path("{groupId}/leave")
    public Response leave(@PathParam("groupId") String groupId) {
        leaveGroup.leave(Params.groupId(groupId));
        return Response.noContent().build();
    }

    private static Response tagged(GroupView view) {
        GroupResponse group = GroupResponse.of(view);
        return Responses.ok(group, group.version());
    }
}
