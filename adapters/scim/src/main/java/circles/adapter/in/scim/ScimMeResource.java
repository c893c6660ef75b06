package circles.adapter.in.scim;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code /scim/v2/Me} (RFC 7644 §3.11): the alias for the authenticated subject's own resource. Circles' SCIM clients
 * are identity providers holding an org's token, not users, so there is no resource to alias: every method answers
 * 501 Not Implemented as the RFC asks of a service without /Me support, once the token is checked (401 without one).
 */
@Path("/scim/v2/Me")
public class ScimMeResource {
    static final String NOT_SUPPORTED = "/Me is not supported: the SCIM client is an identity provider holding an"
            + " org's token, not a user, so there is no authenticated user for /Me to stand for. Address users at"
            + " /scim/v2/Users/{id}.";

    private final ScimHttp http;

    @Inject
    public ScimMeResource(ScimHttp http) {
        this.http = http;
    }

    @GET
    public Response get(@Context HttpHeaders headers) {
        return notImplemented(headers);
    }

    @POST
    public Response post(@Context HttpHeaders headers) {
        return notImplemented(headers);
    }

    @PUT
    public Response put(@Context HttpHeaders headers) {
        return notImplemented(headers);
    }

    @PATCH
    public Response patch(@Context HttpHeaders headers) {
        return notImplemented(headers);
    }

    @DELETE
    public Response delete(@Context HttpHeaders headers) {
        return notImplemented(headers);
    }

    private Response notImplemented(HttpHeaders headers) {
        return http.answer(headers, () -> {
            http.authenticate(headers);
            throw new ScimException(501, null, NOT_SUPPORTED);
        });
    }
}
