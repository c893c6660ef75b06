package circles.adapter.in.rest.webhook;

import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.application.port.in.webhook.CreateWebhookUseCase;
import circles.application.port.in.webhook.DeleteWebhookUseCase;
import circles.application.port.in.webhook.ListWebhooksUseCase;
import circles.application.port.in.webhook.RotateWebhookSecretUseCase;
import circles.application.port.in.webhook.TestWebhookUseCase;
import circles.application.port.in.webhook.UpdateWebhookUseCase;
import circles.domain.org.OrgId;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/**
 * The webhook endpoints of an org, for its admins and it_admins. A signing secret is in the answer to a creation or
 * a rotation only (with {@code Cache-Control: no-store}); neither takes an Idempotency-Key, because a replayed
 * answer would have to keep the secret.
 */
@Path("/v1/orgs/{orgId}/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private final CreateWebhookUseCase create;
    private final ListWebhooksUseCase read;
    private final UpdateWebhookUseCase update;
    private final DeleteWebhookUseCase delete;
    private final RotateWebhookSecretUseCase rotate;
    private final TestWebhookUseCase test;

    @Inject
    public WebhookResource(CreateWebhookUseCase create, ListWebhooksUseCase read, UpdateWebhookUseCase update,
                           DeleteWebhookUseCase delete, RotateWebhookSecretUseCase rotate, TestWebhookUseCase test) {
        this.create = create;
        this.read = read;
        this.update = update;
        this.delete = delete;
        this.rotate = rotate;
        this.test = test;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("orgId") String orgId, String body) {
        OrgId id = Params.orgId(orgId);
        IssuedWebhookResponse issued = IssuedWebhookResponse.of(
                create.create(WebhookRequests.create(id, JsonBodies.object(body))));
        return Response.created(URI.create("/v1/orgs/" + id + "/webhooks/" + issued.id()))
                .header("Cache-Control", "no-store")
                .entity(issued)
                .build();
    }

    @GET
    public PageResponse<WebhookResponse> list(@PathParam("orgId") String orgId, @QueryParam("limit") String limit,
                                              @QueryParam("cursor") String cursor) {
        return PageResponse.of(read.list(Params.orgId(orgId), Params.page(limit, cursor)), WebhookResponse::of);
    }

    @GET
    @Path("{webhookId}")
    public WebhookResponse get(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId) {
        return WebhookResponse.of(read.get(Params.orgId(orgId), webhookId(webhookId)));
    }

    @PATCH
    @Path("{webhookId}")
    @Consumes({Responses.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public WebhookResponse update(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId,
                                  String body) {
        OrgId id = Params.orgId(orgId);
        return WebhookResponse.of(update.update(WebhookRequests.update(id, webhookId(webhookId),
                JsonBodies.object(body))));
    }

    @DELETE
    @Path("{webhookId}")
    public Response delete(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId) {
        delete.delete(Params.orgId(orgId), webhookId(webhookId));
        return Response.noContent().build();
    }

    @POST
    @Path("{webhookId}/rotate-secret")
    public Response rotateSecret(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId) {
        IssuedWebhookResponse issued = IssuedWebhookResponse.of(rotate.rotate(Params.orgId(orgId),
                webhookId(webhookId)));
        return Response.ok(issued).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{webhookId}/test")
    public WebhookTestResponse test(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId) {
        return WebhookTestResponse.of(test.test(Params.orgId(orgId), webhookId(webhookId)));
    }

    private static UUID webhookId(String raw) {
        return Params.uuid("webhookId", raw);
    }
}
