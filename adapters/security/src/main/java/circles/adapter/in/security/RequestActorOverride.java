package circles.adapter.in.security;

import circles.application.port.out.actor.ActorOverride;
import circles.domain.actor.Actor;
import jakarta.enterprise.context.RequestScoped;

/**
 * The actor the application established for this request itself (a SCIM token's provisioning actor); when set,
 * {@link TokenActor} answers with it instead of reading a bearer token.
 */
@RequestScoped
public class RequestActorOverride implements ActorOverride {
    private Actor actor;

    @Override
    public void actAs(Actor actor) {
        this.actor = actor;
    }

    Actor actor() {
        return actor;
    }
}
