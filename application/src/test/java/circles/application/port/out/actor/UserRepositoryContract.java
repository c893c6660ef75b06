package circles.application.port.out.actor;

import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static circles.application.port.out.shared.PortFixture.someUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link UserRepository} rely on, whichever storage serves it: making users known is idempotent and
 * never forgets what a sign-in told, and a sign-in fills in or updates name and email but never blanks them. The
 * port has no read of its own, so each storage says through {@link #stored} what it holds of a user.
 */
public abstract class UserRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract UserRepository repository();

    /** What the storage holds of the user, empty when it does not know them. */
    protected abstract Optional<KnownUser> stored(UserId userId);

    /** A user as stored: the name and email from their latest sign-in ({@code null} while unknown). */
    public record KnownUser(String name, String email) {
    }

    @Test
    void ensuring_users_exist_is_idempotent_and_keeps_what_is_known() {
        PortFixture world = fixture();
        UserId known = someUser("known");
        UserId fresh = someUser("fresh");
        world.inTransaction(() -> repository().recordSignIn(known, "Known Person", "known@example.test"));

        world.inTransaction(() -> repository().ensureExist(List.of(known, fresh, fresh)));
        world.inTransaction(() -> repository().ensureExist(List.of(fresh)));
        world.inTransaction(() -> repository().ensureExist(List.of()));

        assertThat(stored(known)).contains(new KnownUser("Known Person", "known@example.test"));
        assertThat(stored(fresh)).contains(new KnownUser(null, null));
        assertThat(stored(someUser("never"))).isEmpty();
    }

    @Test
    void a_sign_in_fills_in_and_updates_name_and_email_but_never_blanks_them() {
        PortFixture world = fixture();
        UserId userId = someUser("signer");
        world.inTransaction(() -> repository().ensureExist(List.of(userId)));
        world.inTransaction(() -> repository().recordSignIn(userId, "First Name", "first@example.test"));
        assertThat(stored(userId)).contains(new KnownUser("First Name", "first@example.test"));

        world.inTransaction(() -> repository().recordSignIn(userId, "Second Name", null));
        assertThat(stored(userId)).contains(new KnownUser("Second Name", "first@example.test"));
        world.inTransaction(() -> repository().recordSignIn(userId, "  ", " second@example.test "));
        assertThat(stored(userId)).as("blank is as good as absent, and text is kept without its margins")
                .contains(new KnownUser("Second Name", "second@example.test"));
    }

    @Test
    void the_first_sign_in_makes_the_user_known() {
        PortFixture world = fixture();
        UserId userId = someUser("newcomer");
        world.inTransaction(() -> repository().recordSignIn(userId, "New Comer", null));

        assertThat(stored(userId)).contains(new KnownUser("New Comer", null));
        world.inTransaction(() -> repository().ensureExist(List.of(userId)));
        assertThat(stored(userId)).contains(new KnownUser("New Comer", null));
    }
}
