package circles.adapter.in.rest.member;

import circles.application.port.in.org.GetOrgUseCase;
import circles.adapter.in.rest.assignment.MemberAssignmentResponse;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.ItemsResponse;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.adapter.in.rest.http.Wire;
import circles.adapter.in.rest.membership.KeptMemberGroups;
import circles.adapter.in.rest.membership.ReviewerResponse;
import circles.adapter.in.rest.org.OrgRequests;
import circles.application.port.in.assignment.ListMemberAssignmentsUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.GetOrgMemberUseCase;
import circles.application.port.in.member.ListOrgMembersUseCase;
import circles.application.port.in.member.RemoveOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.application.port.in.membership.ListMemberGroupsUseCase;
import circles.application.port.in.membership.ListMemberReviewersUseCase;
import circles.application.port.in.membership.MemberGroupsFreshness;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.application.port.out.member.OrgMemberRepository;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The members of an org, and what follows from their memberships: their groups, content and reviewers. */
@Path("/v1/orgs/{orgId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OrgMemberResource {
    private static final int Q_MAX = 200;

    private final AddOrgMemberUseCase addMember;
    private final ListOrgMembersUseCase listMembers;
    private final GetOrgMemberUseCase getMember;
    private final UpdateOrgMemberUseCase updateMember;
    private final RemoveOrgMemberUseCase removeMember;
    private final ListMemberGroupsUseCase memberGroups;
    private final ListMemberAssignmentsUseCase memberAssignments;
    private final ListMemberReviewersUseCase memberReviewers;
    private final IdempotentCreates creates;
    private final GetOrgUseCase getOrg;
    private final MemberGroupsFreshness freshness;
    private final KeptMemberGroups kept;

    @Inject
    public OrgMemberResource(AddOrgMemberUseCase addMember, ListOrgMembersUseCase listMembers,
                             GetOrgMemberUseCase getMember, UpdateOrgMemberUseCase updateMember,
                             RemoveOrgMemberUseCase removeMember, ListMemberGroupsUseCase memberGroups,
                             ListMemberAssignmentsUseCase memberAssignments,
                             ListMemberReviewersUseCase memberReviewers, IdempotentCreates creates,
                             GetOrgUseCase getOrg, MemberGroupsFreshness freshness, KeptMemberGroups kept) {
        this.freshness = freshness;
        this.kept = kept;
        this.addMember = addMember;
        this.listMembers = listMembers;
        this.getMember = getMember;
        this.updateMember = updateMember;
        this.removeMember = removeMember;
        this.memberGroups = memberGroups;
        this.memberAssignments = memberAssignments;
        this.memberReviewers = memberReviewers;
        this.creates = creates;
        this.getOrg = getOrg;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("orgId") String orgId, @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                        String body, @Context UriInfo uri) {
        OrgId id = Params.orgId(orgId);
        JsonNode json = JsonBodies.parse(body);
        AddOrgMemberUseCase.Command command = OrgRequests.addMember(id, BodyObject.of(json, ""));
        return creates.create(idempotencyKey, "POST /v1/orgs/{orgId}/members", uri, json,
                location -> getOrg.get(id), () -> {
            OrgMemberResponse member = OrgMemberResponse.of(addMember.add(command));
            return new Created("/v1/orgs/" + id + "/members/" + Wire.pathSegment(member.userId()), member);
        });
    }

    @GET
    public PageResponse<OrgMemberResponse> list(@PathParam("orgId") String orgId, @QueryParam("role") String role,
                                                @QueryParam("status") String status, @QueryParam("q") String q,
                                                @QueryParam("limit") String limit,
                                                @QueryParam("cursor") String cursor) {
        OrgMemberRepository.Filter filter = new OrgMemberRepository.Filter(
                Params.enumValue("role", role, OrgRole.class),
                Params.enumValue("status", status, MemberStatus.class),
                Params.text("q", q, Q_MAX));
        return PageResponse.of(listMembers.list(Params.orgId(orgId), filter, Params.page(limit, cursor)),
                OrgMemberResponse::of);
    }

    @GET
    @Path("{userId}")
    public Response get(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        OrgMemberResponse member = OrgMemberResponse.of(getMember.get(Params.orgId(orgId), Params.userId(userId)));
        return Responses.ok(member, member.version());
    }

    @PATCH
    @Path("{userId}")
    @Consumes({Responses.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
                           @HeaderParam(ETags.IF_MATCH) String ifMatch, String body) {
        UpdateOrgMemberUseCase.Command command = OrgRequests.updateMember(Params.orgId(orgId), Params.userId(userId),
                ETags.expectedVersion(ifMatch), JsonBodies.object(body));
        OrgMemberResponse member = OrgMemberResponse.of(updateMember.update(command));
        return Responses.ok(member, member.version());
    }

    @DELETE
    @Path("{userId}")
    public Response remove(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        removeMember.remove(Params.orgId(orgId), Params.userId(userId));
        return Response.noContent().build();
    }

    @ConditionalGet
    @GET
    @Path("{userId}/groups")
    public Response groups(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        OrgId org = Params.orgId(orgId);
        UserId user = Params.userId(userId);
        PageRequest page = Params.page(limit, cursor);
        return Response.ok(kept.answer(freshness.groupsKey(org, user, page),
                () -> memberGroups.groups(org, user, page))).build();
    }

    @GET
    @Path("{userId}/assignments")
    public PageResponse<MemberAssignmentResponse> assignments(@PathParam("orgId") String orgId,
                                                              @PathParam("userId") String userId,
                                                              @QueryParam("limit") String limit,
                                                              @QueryParam("cursor") String cursor) {
        return PageResponse.of(memberAssignments.assignments(Params.orgId(orgId), Params.userId(userId),
                Params.page(limit, cursor)), MemberAssignmentResponse::of);
    }

    @GET
    @Path("{userId}/reviewers")
    public ItemsResponse<ReviewerResponse> reviewers(@PathParam("orgId") String orgId,
                                                     @PathParam("userId") String userId) {
        return new ItemsResponse<>(memberReviewers.reviewers(Params.orgId(orgId), Params.userId(userId)).stream()
                .map(ReviewerResponse::of)
                .toList());
    }
}
