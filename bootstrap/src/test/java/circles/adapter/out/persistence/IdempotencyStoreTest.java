package circles.adapter.out.persistence;

import circles.application.port.out.IdempotencyStore.Answer;
import circles.application.port.out.IdempotencyStore.Key;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class IdempotencyStoreTest extends PersistenceTest {

    @Test
    void keeps_the_first_answer_per_caller_route_and_key() {
        Key key = new Key(unique("caller"), "POST /v1/groups", unique("key"));
        Instant now = now();
        Answer first = new Answer("hash-1", 201, "/v1/groups/1", "{\"id\":1}", now);
        Answer second = new Answer("hash-2", 201, "/v1/groups/2", "{\"id\":2}", now.plusSeconds(1));

        assertThat(idempotency.find(key, now.minus(Duration.ofHours(24)))).isEmpty();
        assertThat(idempotency.putIfAbsent(key, first)).isEqualTo(first);
        assertThat(idempotency.putIfAbsent(key, second)).isEqualTo(first);
        assertThat(idempotency.find(key, now.minus(Duration.ofHours(24)))).contains(first);
        assertThat(idempotency.find(key, now.plusSeconds(1))).isEmpty();
        assertThat(idempotency.find(new Key(key.caller(), "POST /v1/orgs", key.key()), null)).isEmpty();
        assertThat(idempotency.find(new Key(unique("caller"), key.route(), key.key()), null)).isEmpty();
    }

    @Test
    void an_answer_older_than_a_day_gives_way_to_a_new_one() {
        Key key = new Key(unique("caller"), "POST /v1/orgs", unique("key"));
        Instant then = now().minus(Duration.ofHours(30));
        Answer old = new Answer("hash-old", 201, "/v1/orgs/1", null, then);
        Answer fresh = new Answer("hash-new", 201, "/v1/orgs/2", "{}", now());
        idempotency.putIfAbsent(key, old);

        assertThat(idempotency.putIfAbsent(key, fresh)).isEqualTo(fresh);
        assertThat(tx(() -> idempotency.find(key, null))).contains(fresh);
    }
}
