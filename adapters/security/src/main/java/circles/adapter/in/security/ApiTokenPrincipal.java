package circles.adapter.in.security;

import circles.domain.actor.Actor;

import java.security.Principal;

/** The caller of a request that presented a valid org API token: the token's actor. */
record ApiTokenPrincipal(Actor actor) implements Principal {
    @Override
    public String getName() {
        return actor.userId().value();
    }
}
