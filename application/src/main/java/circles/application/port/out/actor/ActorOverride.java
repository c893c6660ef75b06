package circles.application.port.out.actor;

import circles.domain.actor.Actor;

/**
 * Makes an actor the application established itself (the provisioning actor of a SCIM token) the
 * {@link CurrentActor} for the rest of the current request, in place of whatever the bearer token would say.
 */
public interface ActorOverride {
    void actAs(Actor actor);
}
