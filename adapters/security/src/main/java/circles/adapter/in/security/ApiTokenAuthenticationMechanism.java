package circles.adapter.in.security;

import circles.application.port.in.apitoken.AuthenticateApiTokenUseCase;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Looks at a request's bearer token before OIDC does. An org API token ({@value
 * AuthenticateApiTokenUseCase#SECRET_PREFIX}...) is authenticated here and never reaches the JWT verifier; any other
 * bearer that cannot be a JWT (three base64url parts, or five for an encrypted one) is refused here with a plain 401,
 * so that a stray secret is neither sent to the OIDC verifier nor logged as a failure. Everything else (a JWT, or no bearer at all) is left to
 * OIDC, except a JWT that OIDC verified before and that has not expired ({@link VerifiedTokens}), whose identity is
 * answered from memory. SCIM paths read their own tokens and are not concerned.
 */
@ApplicationScoped
public class ApiTokenAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String BEARER = "bearer ";
    private static final String SCIM_ROOT = "/scim/";

    private final VerifiedTokens verified;

    @Inject
    public ApiTokenAuthenticationMechanism(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviders) {
        String bearer = bearer(context);
        if (bearer == null || context.normalizedPath().startsWith(SCIM_ROOT)) {
            return Uni.createFrom().nullItem();
        }
        if (AuthenticateApiTokenUseCase.looksLikeApiToken(bearer)) {
            return identityProviders.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new ApiTokenCredentials(bearer), context));
        }
        if (!jwtShaped(bearer)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "The bearer token is neither a JWT nor an API token."));
        }
        Optional<SecurityIdentity> known = verified.find(bearer);
        return known.isPresent() ? Uni.createFrom().item(known.get()) : Uni.createFrom().nullItem();
    }

    /**
     * Whether the token has a JWT's shape: three base64url parts (or five, encrypted), the first not empty. A scan
     * of its characters: a regular expression for this took a fifth of the CPU of a cached read.
     */
    static boolean jwtShaped(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (i == 0) {
                    return false;
                }
                dots++;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return dots == 2 || dots == 4;
    }

    /** The token of {@code Authorization: Bearer <token>}, or null. */
    private static String bearer(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenCredentials.class);
    }

    /** Shares the bearer transport with OIDC; not selectable by name, so it declares none. */
    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    /** Ahead of the OIDC mechanism, which has the default priority. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
