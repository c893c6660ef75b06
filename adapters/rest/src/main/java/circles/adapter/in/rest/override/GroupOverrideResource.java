package circles.adapter.in.rest.override;

import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.Created;
import circles.adapter.in.rest.http.IdempotentCreates;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.override.AddGroupOverrideUseCase;
import circles.application.port.in.override.GetGroupOverrideUseCase;
import circles.application.port.in.override.ListGroupOverridesUseCase;
import circles.application.port.in.override.RemoveGroupOverrideUseCase;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideKind;
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

/** The include and exclude lists of a dynamic group. */
@Path("/v1/groups/{groupId}/overrides")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupOverrideResource {
    private final AddGroupOverrideUseCase addOverride;
    private final ListGroupOverridesUseCase listOverrides;
    private final GetGroupOverrideUseCase getOverride;
    private final RemoveGroupOverrideUseCase removeOverride;
    private final IdempotentCreates creates;

    @Inject
    public GroupOverrideResource(AddGroupOverrideUseCase addOverride, ListGroupOverridesUseCase listOverrides,
                                 GetGroupOverrideUseCase getOverride, RemoveGroupOverrideUseCase removeOverride,
                                 IdempotentCreates creates) {
        this.addOverride = addOverride;
        this.listOverrides = listOverrides;
        this.getOverride = getOverride;
        this.removeOverride = removeOverride;
        this.creates = creates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("groupId") String groupId,
                        @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, String body,
                        @Context UriInfo uri) {
        GroupId id = Params.groupId(groupId);
        JsonNode json = JsonBodies.parse(body);
        AddGroupOverrideUseCase.Command command = GroupOverrideRequests.add(id, BodyObject.of(json, ""));
        return creates.create(idempotencyKey, "POST /v1/groups/{groupId}/overrides", uri, json,
                location -> getOverride.override(id, java.util.UUID.fromString(IdempotentCreates.lastSegment(location))),
                () -> {
            GroupOverrideResponse entry = GroupOverrideResponse.of(addOverride.addOverride(command));
            return new Created("/v1/groups/" + id + "/overrides/" + entry.id(), entry);
        });
    }

    @GET
    public PageResponse<GroupOverrideResponse> list(@PathParam("groupId") String groupId,
                                                    @QueryParam("kind") String kind,
                                                    @QueryParam("limit") String limit,
                                                    @QueryParam("cursor") String cursor) {
        OverrideKind listed = Params.enumValue("kind", kind, OverrideKind.class);
        return PageResponse.of(listOverrides.listOverrides(Params.groupId(groupId), listed,
                Params.page(limit, cursor)), GroupOverrideResponse::of);
    }

    @GET
    @Path("{overrideId}")
    public GroupOverrideResponse get(@PathParam("groupId") String groupId,
                                     @PathParam("overrideId") String overrideId) {
        return GroupOverrideResponse.of(getOverride.override(Params.groupId(groupId),
                Params.uuid("overrideId", overrideId)));
    }

    @DELETE
    @Path("{overrideId}")
    public Response remove(@PathParam("groupId") String groupId, @PathParam("overrideId") String overrideId) {
        removeOverride.removeOverride(Params.groupId(groupId), Params.uuid("overrideId", overrideId));
        return Response.noContent().build();
    }
}
