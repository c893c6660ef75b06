package circles.adapter.in.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer JWTs that Quarkus OIDC verified (signature, issuer, audience, expiry) in this process, so that the same token
 * presented again skips the signature check and the parsing of its claims.
 * <p>
 * Only a token that passed verification is kept ({@link VerifiedTokenKeeper} sees only successful
 * authentications); a token that differs in any byte has another key and is verified. An entry never outlives the
 * token's {@code exp}, nor {@code circles.cache.tokens.max-age}, and is checked against {@code exp} again when used,
 * so a token verified under a key the issuer has since rotated away lives no longer than it would have anyway. The
 * key is a SHA-256 digest of the token, not the token; the entries are bounded by
 * {@code circles.cache.tokens.max-entries}.
 */
@ApplicationScoped
public class VerifiedTokens {
    private final boolean enabled;
    private final long maxAgeNanos;
    private final Cache<String, Verified> verified;

    /** A verified token's identity (principal and roles) and the second it expires. */
    record Verified(SecurityIdentity identity, long expiresAt) {
    }

    @Inject
    public VerifiedTokens(@ConfigProperty(name = "circles.cache.enabled", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "circles.cache.tokens.max-entries", defaultValue = "10000")
                          long maxEntries,
                          @ConfigProperty(name = "circles.cache.tokens.max-age", defaultValue = "PT10M")
                          Duration maxAge) {
        this.enabled = enabled;
        this.maxAgeNanos = maxAge.toNanos();
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        long untilExp = Duration.ofSeconds(Math.max(0, value.expiresAt() - epochSecond())).toNanos();
                        return Math.min(maxAgeNanos, untilExp);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime,
                                                  long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime,
                                                long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The identity of {@code token} if it was verified here and has not expired. */
    Optional<SecurityIdentity> find(String token) {
        if (!enabled) {
            return Optional.empty();
        }
        String key = digest(token);
        Verified found = verified.getIfPresent(key);
        if (found == null) {
            return Optional.empty();
        }
        if (found.expiresAt() <= epochSecond()) {
            verified.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(found.identity());
    }

    /** Keeps an identity OIDC built from a verified JWT; one without an expiry is not kept. */
    void keep(SecurityIdentity identity) {
        if (!enabled || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getRawToken() == null
                || token.getExpirationTime() <= epochSecond()) {
            return;
        }
        // A fresh identity of the principal and roles only: the one OIDC built carries attributes of its request.
        SecurityIdentity kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRoles(identity.getRoles())
                .build();
        verified.put(digest(token.getRawToken()), new Verified(kept, token.getExpirationTime()));
    }

    /** Forgets every verified token. */
    public void clear() {
        verified.invalidateAll();
    }

    private static long epochSecond() {
        return System.currentTimeMillis() / 1000;
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
