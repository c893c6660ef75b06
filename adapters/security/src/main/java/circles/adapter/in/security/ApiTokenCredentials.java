package circles.adapter.in.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The secret of an org API token, as a request presented it in {@code Authorization: Bearer <secret>}. */
final class ApiTokenCredentials extends BaseAuthenticationRequest {
    private final String secret;

    ApiTokenCredentials(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }
}
