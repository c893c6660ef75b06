package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.membership.ListMembershipEventsUseCase;
import circles.application.port.out.membership.MembershipHistory;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** When and why members joined or left a dynamic group. */
@Path("/v1/groups/{groupId}/membership-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupMembershipEventResource {
    private final ListMembershipEventsUseCase events;

    @Inject
    public GroupMembershipEventResource(ListMembershipEventsUseCase events) {
        this.events = events;
    }

    @GET
    public PageResponse<MembershipEventResponse> list(@PathParam("groupId") String groupId,
                                                      @QueryParam("userId") String userId,
                                                      @QueryParam("cause") String cause,
                                                      @QueryParam("evaluationId") String evaluationId,
                                                      @QueryParam("limit") String limit,
                                                      @QueryParam("cursor") String cursor) {
        var query = new ListMembershipEventsUseCase.Query(Params.groupId(groupId),
                userId == null ? null : Params.userId(userId),
                Params.enumValue("cause", cause, MembershipHistory.Cause.class),
                evaluationId == null ? null : Params.uuid("evaluationId", evaluationId));
        return PageResponse.of(events.events(query, Params.page(limit, cursor)), MembershipEventResponse::of);
    }
}
