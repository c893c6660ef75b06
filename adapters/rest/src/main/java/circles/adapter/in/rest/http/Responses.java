package circles.adapter.in.rest.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Answers that carry an entity tag. */
public final class Responses {
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private Responses() {
    }

    public static Response ok(Object entity, long version) {
        return ok(entity, ETags.of(version));
    }

    public static Response ok(Object entity, String etag) {
        return Response.ok(entity).header(HttpHeaders.ETAG, etag).build();
    }
}
