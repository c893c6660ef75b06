package circles.application.port.out.actor;

import circles.domain.actor.UserId;

import java.util.Collection;

public interface UserRepository {
    /** Makes the users known (global, by subject); existing ones are left as they are. */
    void ensureExist(Collection<UserId> userIds);

    /** Fills in name and email from a signed-in token where they are still unknown or changed. */
    void recordSignIn(UserId userId, String name, String email);
}
