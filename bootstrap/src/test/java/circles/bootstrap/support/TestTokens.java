package circles.bootstrap.support;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Set;

/**
 * Signed bearer tokens for tests, verified by the application exactly like real ones
 * ({@code %test.quarkus.oidc.public-key}, issuer {@value #ISSUER}).
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test";
    public static final String PLATFORM_ADMIN_ROLE = "platform-admin";
    public static final String PLATFORM_ADMIN_SUBJECT = "platform-admin";

    private TestTokens() {
    }

    /**
     * Tests keep a user's token for the whole run of their JVM (see {@code RestApi}), which outlasts the builder's
     * default lifespan of five minutes; a token that expired halfway through a run would refuse every later call.
     */
    private static final Duration LIFESPAN = Duration.ofHours(12);

    /**
     * A token for the user {@code subject} with the given roles in the {@code groups} claim; name
     * and email are derived from the subject.
     */
    public static String forUser(String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .preferredUserName(subject)
                .claim("name", displayName(subject))
                .claim("email", subject + "@example.test")
                .groups(Set.of(roles))
                .expiresIn(LIFESPAN)
                .sign();
    }

    /** A token for a platform administrator. */
    public static String platformAdmin() {
        return forUser(PLATFORM_ADMIN_SUBJECT, PLATFORM_ADMIN_ROLE);
    }

    private static String displayName(String subject) {
        return subject.isEmpty() ? subject : Character.toUpperCase(subject.charAt(0)) + subject.substring(1);
    }
}
