package circles.application.port.in.apitoken;

import circles.domain.actor.Actor;

import java.util.Optional;

/**
 * Checks the secret a request presents as its bearer token. When it belongs to a token that is neither expired nor
 * revoked and whose issuer is still an active admin or it_admin of the token's org, the token's actor
 * ({@link Actor#apiToken}) is returned and the token's last use recorded (at most once a minute); otherwise nothing.
 */
public interface AuthenticateApiTokenUseCase {
    /** The prefix of every API token secret, so that it is recognised (by the service and by secret scanners). */
    String SECRET_PREFIX = "circles_at_";

    Optional<Actor> authenticate(String secret);

    /** Whether {@code bearer} has the shape of an API token secret (its prefix): then no other verifier sees it. */
    static boolean looksLikeApiToken(String bearer) {
        return bearer != null && bearer.startsWith(SECRET_PREFIX);
    }
}
