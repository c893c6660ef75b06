package circles.adapter.in.security;

import circles.application.port.in.actor.RecordSignInUseCase;
import circles.application.port.out.actor.CurrentActor;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.shared.NotAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, read from their bearer token: the subject, name and email claims (claim names
 * configurable) and the roles Quarkus OIDC extracted ({@code quarkus.oidc.roles.role-claim-path}); for an org API
 * token, the token's actor ({@link ApiTokenAuthenticationMechanism}); or, when the application established the caller
 * itself (a SCIM token), that caller.
 */
@RequestScoped
public class TokenActor implements CurrentActor {
    private final SecurityIdentity identity;
    private final SignIns signIns;
    private final RequestActorOverride override;
    private final String nameClaim;
    private final String emailClaim;
    private Actor actor;

    @Inject
    public TokenActor(SecurityIdentity identity, SignIns signIns, RequestActorOverride override,
                      @ConfigProperty(name = "circles.security.name-claim", defaultValue = "name") String nameClaim,
                      @ConfigProperty(name = "circles.security.email-claim", defaultValue = "email") String emailClaim) {
        this.identity = identity;
        this.signIns = signIns;
        this.override = override;
        this.nameClaim = nameClaim;
        this.emailClaim = emailClaim;
    }

    @Override
    public Actor get() {
        if (override.actor() != null) {
            return override.actor();
        }
        if (actor == null) {
            actor = read();
            if (!actor.isDelegated()) {
                signIns.seen(actor);
            }
        }
        return actor;
    }

    private Actor read() {
        if (identity.getPrincipal() instanceof ApiTokenPrincipal token) {
            return token.actor();
        }
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || token.getSubject() == null) {
            throw new NotAllowed("a bearer token with a subject is required");
        }
        String name = claim(token, nameClaim);
        if (name == null) {
            name = claim(token, "preferred_username");
        }
        return new Actor(new UserId(token.getSubject()), name, claim(token, emailClaim), identity.getRoles());
    }

    private static String claim(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value == null ? null : value.toString().replaceAll("^\"|\"$", "");
    }
}
