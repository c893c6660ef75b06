package circles.adapter.in.security;

import circles.application.port.in.apitoken.AuthenticateApiTokenUseCase;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a presented API token secret into the token's identity, looking the token and its issuer's rights up in the
 * database on a worker thread. An unknown, expired or revoked token, or one whose issuer is no longer an active admin
 * or it_admin of its org, fails authentication (401).
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenCredentials> {
    private final AuthenticateApiTokenUseCase authenticate;

    @Inject
    public ApiTokenIdentityProvider(AuthenticateApiTokenUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public Class<ApiTokenCredentials> getRequestType() {
        return ApiTokenCredentials.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenCredentials request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> authenticate.authenticate(request.secret())
                .map(actor -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new ApiTokenPrincipal(actor))
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("The API token is unknown, expired or revoked,"
                        + " or its issuer no longer administers its org.")));
    }
}
