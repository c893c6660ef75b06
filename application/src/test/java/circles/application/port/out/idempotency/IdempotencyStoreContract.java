package circles.application.port.out.idempotency;

import circles.application.port.out.idempotency.IdempotencyStore.Answer;
import circles.application.port.out.idempotency.IdempotencyStore.Key;
import circles.application.port.out.shared.PortFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link IdempotencyStore} rely on, whichever storage serves it: the first answer per caller, route
 * and key is kept for a day and found again, a later one never overwrites it, and a key is only locked inside a
 * transaction. That a lock holds back other transactions is the database's part, tested with the adapter alone.
 */
public abstract class IdempotencyStoreContract {
    protected abstract PortFixture fixture();

    protected abstract IdempotencyStore store();

    @Test
    void keeps_the_first_answer_per_caller_route_and_key() {
        PortFixture world = fixture();
        Key key = new Key(unique("caller"), "POST /v1/groups", unique("key"));
        Instant now = world.now();
        Answer first = new Answer("hash-1", 201, "/v1/groups/1", "{\"id\":1}", now);
        Answer second = new Answer("hash-2", 201, "/v1/groups/2", "{\"id\":2}", now.plusSeconds(1));
        Instant dayAgo = now.minus(Duration.ofHours(24));

        assertThat(world.inTransaction(() -> store().find(key, dayAgo))).isEmpty();
        assertThat(world.inTransaction(() -> store().putIfAbsent(key, first))).isEqualTo(first);
        assertThat(world.inTransaction(() -> store().putIfAbsent(key, second))).isEqualTo(first);
        assertThat(world.inTransaction(() -> store().find(key, dayAgo))).contains(first);
        assertThat(world.inTransaction(() -> store().find(key, null))).contains(first);
        // An answer stored before the caller's horizon counts as absent.
        assertThat(world.inTransaction(() -> store().find(key, now.plusSeconds(1)))).isEmpty();
        // The caller, the route and the key each tell answers apart.
        assertThat(world.inTransaction(() -> store().find(new Key(key.caller(), "POST /v1/orgs", key.key()), null)))
                .isEmpty();
        assertThat(world.inTransaction(() -> store().find(new Key(unique("caller"), key.route(), key.key()), null)))
                .isEmpty();
        assertThat(world.inTransaction(() -> store().find(new Key(key.caller(), key.route(), unique("key")), null)))
                .isEmpty();
    }

    @Test
    void an_answer_older_than_a_day_gives_way_to_a_new_one_and_a_younger_one_does_not() {
        PortFixture world = fixture();
        Instant now = world.now();
        Key oldKey = new Key(unique("caller"), "POST /v1/orgs", unique("key"));
        Answer old = new Answer("hash-old", 201, "/v1/orgs/1", null, now.minus(Duration.ofHours(30)));
        Answer fresh = new Answer("hash-new", 201, "/v1/orgs/2", "{}", now);
        world.inTransaction(() -> store().putIfAbsent(oldKey, old));

        assertThat(world.inTransaction(() -> store().putIfAbsent(oldKey, fresh))).isEqualTo(fresh);
        assertThat(world.inTransaction(() -> store().find(oldKey, null))).contains(fresh);

        Key youngKey = new Key(oldKey.caller(), oldKey.route(), unique("key"));
        Answer young = new Answer("hash-young", 409, null, "{\"code\":\"x\"}", now.minus(Duration.ofHours(23)));
        world.inTransaction(() -> store().putIfAbsent(youngKey, young));
        assertThat(world.inTransaction(() -> store().putIfAbsent(youngKey, fresh))).isEqualTo(young);
        assertThat(world.inTransaction(() -> store().find(youngKey, null))).contains(young);
    }

    @Test
    void a_key_is_locked_only_inside_a_transaction() {
        PortFixture world = fixture();
        Key key = new Key(unique("caller"), "POST /v1/groups", unique("key"));

        assertThatThrownBy(() -> store().lock(key)).isInstanceOf(IllegalStateException.class);
        world.inTransaction(() -> {
            store().lock(key);
            // The holder of the lock finds nothing yet and stores the first answer.
            assertThat(store().find(key, null)).isEmpty();
            Answer answer = new Answer("hash", 201, "/v1/groups/9", "{}", world.now());
            assertThat(store().putIfAbsent(key, answer)).isEqualTo(answer);
        });
        assertThat(world.inTransaction(() -> store().find(key, null))).isPresent();
    }
}
