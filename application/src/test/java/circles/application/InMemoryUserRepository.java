package circles.application;

import circles.application.port.out.actor.UserRepository;
import circles.domain.actor.UserId;

import java.util.Collection;

public final class InMemoryUserRepository implements UserRepository {
    private final InMemoryDatabase db;

    public InMemoryUserRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void ensureExist(Collection<UserId> userIds) {
        db.requireTransaction();
        for (UserId userId : userIds) {
            db.users.putIfAbsent(userId, new InMemoryDatabase.KnownUser(userId, null, null));
        }
    }

    @Override
    public void recordSignIn(UserId userId, String name, String email) {
        db.requireTransaction();
        db.users.put(userId, new InMemoryDatabase.KnownUser(userId, name, email));
    }
}
