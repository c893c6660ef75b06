package circles.adapter.in.rest.membership;

import circles.application.port.in.group.GetGroupUseCase;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.ItemsResponse;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.application.port.in.membership.AddGroupMembersUseCase;
import circles.application.port.in.membership.GetGroupMemberUseCase;
import circles.application.port.in.membership.ListGroupMembersAtUseCase;
import circles.application.port.in.membership.ListGroupMembersUseCase;
import circles.application.port.in.membership.RemoveGroupMemberUseCase;
import circles.application.port.in.membership.UpdateGroupMemberUseCase;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;

/** The direct and effective members of a group, the computed members of a dynamic one, now or at a past time. */
@Path("/v1/groups/{groupId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupMemberResource {
    private final AddGroupMembersUseCase addMembers;
    private final ListGroupMembersUseCase listMembers;
    private final ListGroupMembersAtUseCase listMembersAt;
    private final GetGroupMemberUseCase getMember;
    private final UpdateGroupMemberUseCase updateMember;
    private final RemoveGroupMemberUseCase removeMember;
    private final IdempotentCreates creates;
    private final GetGroupUseCase getGroup;

    @Inject
    public GroupMemberResource(AddGroupMembersUseCase addMembers, ListGroupMembersUseCase listMembers,
                               ListGroupMembersAtUseCase listMembersAt, GetGroupMemberUseCase getMember,
                               UpdateGroupMemberUseCase updateMember, RemoveGroupMemberUseCase removeMember,
                               IdempotentCreates creates,
                               GetGroupUseCase getGroup) {
        this.addMembers = addMembers;
        this.listMembers = listMembers;
        this.listMembersAt = listMembersAt;
        this.getMember = getMember;
        this.updateMember = updateMember;
        this.removeMember = removeMember;
        this.creates = creates;
        this.getGroup = getGroup;
    }

    /** Adds 1 to 500 members, all or nothing. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("groupId") String groupId,
                        @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, String body,
                        @Context UriInfo uri) {
        GroupId id = Params.groupId(groupId);
        ArrayNode json = JsonBodies.array(body);
        List<AddGroupMembersUseCase.NewMember> members = MemberRequests.add(json);
        return creates.create(idempotencyKey, "POST /v1/groups/{groupId}/members", uri, json,
                location -> getGroup.get(id), () -> {
            List<GroupMemberResponse> added = addMembers.add(id, members).stream()
                    .map(GroupMemberResponse::direct)
                    .toList();
            return new Created("/v1/groups/" + id + "/members", new ItemsResponse<>(added));
        });
    }

    /** The members now, or (with {@code at}) the members of a dynamic group at that past time. */
    @GET
    public PageResponse<GroupMemberResponse> list(@PathParam("groupId") String groupId,
                                                  @QueryParam("view") String view, @QueryParam("role") String role,
                                                  @QueryParam("status") String status, @QueryParam("at") String at,
                                                  @QueryParam("limit") String limit,
                                                  @QueryParam("cursor") String cursor) {
        GroupId id = Params.groupId(groupId);
        ListGroupMembersUseCase.View shown = view == null ? ListGroupMembersUseCase.View.DIRECT
                : Params.enumValue("view", view, ListGroupMembersUseCase.View.class);
        MembershipRepository.Filter filter = new MembershipRepository.Filter(
                Params.enumValue("role", role, GroupRole.class),
                Params.enumValue("status", status, MembershipStatus.class));
        Instant past = Params.time("at", at);
        PageRequest page = Params.page(limit, cursor);
        return PageResponse.of(past == null ? listMembers.list(id, shown, filter, page)
                        : listMembersAt.membersAt(id, past, filter, page),
                member -> GroupMemberResponse.of(id, member));
    }

    @GET
    @Path("{userId}")
    public Response get(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        GroupId id = Params.groupId(groupId);
        GroupMemberResponse member = GroupMemberResponse.of(id, getMember.get(id, Params.userId(userId)));
        return Responses.ok(member, member.etag());
    }

    /** A membership has no version: {@code If-Match} is compared with the tag of the membership as it is now. */
    @PATCH
    @Path("{userId}")
    @Consumes({Responses.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("groupId") String groupId, @PathParam("userId") String userId,
                           @HeaderParam(ETags.IF_MATCH) String ifMatch, String body) {
        GroupId group = Params.groupId(groupId);
        UserId user = Params.userId(userId);
        var patch = JsonBodies.object(body);
        Membership current = updateMember.current(group, user);
        ETags.requireMatch(ifMatch, GroupMemberResponse.direct(current).etag());
        GroupMemberResponse member = GroupMemberResponse.direct(
                updateMember.update(MemberRequests.update(group, user, patch, current)));
        return Responses.ok(member, member.etag());
    }

    @DELETE
    @Path("{userId}")
    public Response remove(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        removeMember.remove(Params.groupId(groupId), Params.userId(userId));
        return Response.noContent().build();
    }
}
