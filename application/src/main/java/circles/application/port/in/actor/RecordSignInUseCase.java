package circles.application.port.in.actor;

import circles.domain.actor.Actor;

/** Makes a signed-in caller known, filling in their name and email from the token. */
public interface RecordSignInUseCase {
    void signedIn(Actor actor);
}
