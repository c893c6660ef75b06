package circles.application;

import circles.application.port.out.actor.CurrentActor;
import circles.domain.actor.Actor;

/** The caller of the next use case, as the security adapter would establish it. */
public final class TestCaller implements CurrentActor {
    private Actor actor;

    public void set(Actor actor) {
        this.actor = actor;
    }

    @Override
    public Actor get() {
        if (actor == null) {
            throw new IllegalStateException("no caller set");
        }
        return actor;
    }
}
