package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.webhook.WebhookDeliveryLogUseCase;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The delivery log of a webhook endpoint, for the org's admins and it_admins. */
@Path("/v1/orgs/{orgId}/webhooks/{webhookId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDeliveryResource {
    private final WebhookDeliveryLogUseCase log;

    @Inject
    public WebhookDeliveryResource(WebhookDeliveryLogUseCase log) {
        this.log = log;
    }

    @GET
    @Path("deliveries")
    public PageResponse<WebhookDeliveryResponse> deliveries(@PathParam("orgId") String orgId,
                                                            @PathParam("webhookId") String webhookId,
                                                            @QueryParam("status") String status,
                                                            @QueryParam("limit") String limit,
                                                            @QueryParam("cursor") String cursor) {
        WebhookDeliveryQueue.Status wanted = status == null ? null
                : Params.enumValue("status", status, WebhookDeliveryQueue.Status.class);
        return PageResponse.of(log.deliveries(Params.orgId(orgId), Params.uuid("webhookId", webhookId), wanted,
                Params.page(limit, cursor)), WebhookDeliveryResponse::of);
    }

    @POST
    @Path("deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId,
                              @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(WebhookDeliveryResponse.of(log.redeliver(Params.orgId(orgId),
                Params.uuid("webhookId", webhookId), Params.uuid("deliveryId", deliveryId)))).build();
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId, String body) {
        BodyObject json = JsonBodies.object(body);
        int replayed = log.replay(Params.orgId(orgId), Params.uuid("webhookId", webhookId),
                Bodies.required(json.time("since"), json, "since"));
        return Response.accepted(Map.of("replayed", replayed)).build();
    }
}
