package circles.application;

import circles.application.port.out.actor.UserRepository;
import circles.domain.actor.UserId;

import java.util.Collection;

/**
 * Users in memory, known by subject. A sign-in keeps a name or email it does not bring (absent or blank), as the
 * table's upsert does.
 */
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
        InMemoryDatabase.KnownUser known = db.users.get(userId);
        String newName = blankToNull(name);
        String newEmail = blankToNull(email);
        db.users.put(userId, new InMemoryDatabase.KnownUser(userId,
                newName != null || known == null ? newName : known.name(),
                newEmail != null || known == null ? newEmail : known.email()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
