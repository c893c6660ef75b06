package circles.application.port.out.actor;

import circles.domain.actor.Actor;

/** Who is calling, as established by the authentication in front of the application. */
public interface CurrentActor {
    Actor get();
}
