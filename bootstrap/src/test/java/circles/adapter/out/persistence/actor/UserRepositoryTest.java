package circles.adapter.out.persistence.actor;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.domain.actor.UserId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class UserRepositoryTest extends PersistenceTest {
    @Inject
    EntityManager entityManager;

    @Test
    void ensuring_users_exist_is_idempotent_and_keeps_what_is_known() {
        UserId known = user("known");
        UserId fresh = user("fresh");
        inTx(() -> users.recordSignIn(known, "Known Person", "known@example.test"));

        inTx(() -> users.ensureExist(List.of(known, fresh, fresh)));
        inTx(() -> users.ensureExist(List.of(fresh)));

        assertThat(row(known)).containsExactly("Known Person", "known@example.test", true);
        assertThat(row(fresh)).containsExactly(null, null, false);
    }

    @Test
    void a_sign_in_fills_in_and_updates_name_and_email_but_never_blanks_them() {
        UserId userId = user("signer");
        inTx(() -> users.ensureExist(List.of(userId)));
        inTx(() -> users.recordSignIn(userId, "First Name", "first@example.test"));
        assertThat(row(userId)).containsExactly("First Name", "first@example.test", true);

        inTx(() -> users.recordSignIn(userId, "Second Name", null));
        assertThat(row(userId)).containsExactly("Second Name", "first@example.test", true);
    }

    private Object[] row(UserId userId) {
        return tx(() -> (Object[]) entityManager.createNativeQuery(
                        "select name, email, signed_in_at is not null from users where id = :id")
                .setParameter("id", userId.value()).getSingleResult());
    }
}
