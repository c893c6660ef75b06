package circles.adapter.in.rest.assignment;

import circles.application.port.in.group.GetGroupUseCase;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.membership.MemberRequests;
import circles.application.port.in.assignment.AddAssignmentUseCase;
import circles.application.port.in.assignment.ListGroupAssignmentsUseCase;
import circles.application.port.in.assignment.RemoveAssignmentUseCase;
import circles.domain.group.GroupId;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** External resources assigned to a static group. */
@Path("/v1/groups/{groupId}/assignments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {
    private final AddAssignmentUseCase addAssignment;
    private final ListGroupAssignmentsUseCase listAssignments;
    private final RemoveAssignmentUseCase removeAssignment;
    private final IdempotentCreates creates;
    private final GetGroupUseCase getGroup;

    @Inject
    public AssignmentResource(AddAssignmentUseCase addAssignment, ListGroupAssignmentsUseCase listAssignments,
                              RemoveAssignmentUseCase removeAssignment, IdempotentCreates creates,
                              GetGroupUseCase getGroup) {
        this.addAssignment = addAssignment;
        this.listAssignments = listAssignments;
        this.removeAssignment = removeAssignment;
        this.creates = creates;
        this.getGroup = getGroup;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("groupId") String groupId,
                        @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, String body,
                        @Context UriInfo uri) {
        GroupId id = Params.groupId(groupId);
        JsonNode json = JsonBodies.parse(body);
        MemberRequests.NewAssignment request = MemberRequests.NewAssignment.read(BodyObject.of(json, ""));
        return creates.create(idempotencyKey, "POST /v1/groups/{groupId}/assignments", uri, json,
                location -> getGroup.get(id), () -> {
            AssignmentResponse assignment = AssignmentResponse.of(
                    addAssignment.assign(id, request.resourceType(), request.resourceId()));
            return new Created("/v1/groups/" + id + "/assignments/" + assignment.id(), assignment);
        });
    }

    @GET
    public PageResponse<AssignmentResponse> list(@PathParam("groupId") String groupId,
                                                 @QueryParam("limit") String limit,
                                                 @QueryParam("cursor") String cursor) {
        return PageResponse.of(listAssignments.list(Params.groupId(groupId), Params.page(limit, cursor)),
                AssignmentResponse::of);
    }

    @DELETE
    @Path("{assignmentId}")
    public Response remove(@PathParam("groupId") String groupId, @PathParam("assignmentId") String assignmentId) {
        removeAssignment.remove(Params.groupId(groupId), Params.uuid("assignmentId", assignmentId));
        return Response.noContent().build();
    }
}
