package circles.adapter.in.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sees every identity an identity provider established, that is every successful verification, and keeps those of
 * bearer JWTs in {@link VerifiedTokens}. A token that fails verification never reaches an augmentor.
 */
@ApplicationScoped
public class VerifiedTokenKeeper implements SecurityIdentityAugmentor {
    private final VerifiedTokens tokens;

    @Inject
    public VerifiedTokenKeeper(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            tokens.keep(identity);
        }
        return Uni.createFrom().item(identity);
    }

    /** After every other augmentor, so that the roles kept are the final ones. */
    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }
}
