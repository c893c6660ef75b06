package circles.adapter.out.persistence.idempotency;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.idempotency.IdempotencyStore.Answer;
import circles.application.port.out.idempotency.IdempotencyStore.Key;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void a_locked_key_holds_back_other_transactions_with_that_key_until_its_own_ends() throws Exception {
        Key key = new Key(unique("caller"), "POST /v1/groups", unique("key"));
        Key another = new Key(key.caller(), key.route(), unique("key"));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        ExecutorService transactions = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = transactions.submit(() -> inTx(() -> {
                idempotency.lock(key);
                locked.countDown();
                awaitQuietly(end);
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> second = transactions.submit(() -> tx(() -> {
                idempotency.lock(key);
                return true;
            }));
            Future<Boolean> other = transactions.submit(() -> tx(() -> {
                idempotency.lock(another);
                return true;
            }));

            assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            end.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            end.countDown();
            transactions.shutdownNow();
        }
    }

    @Test
    void a_key_is_locked_only_inside_a_transaction() {
        Key key = new Key(unique("caller"), "POST /v1/groups", unique("key"));

        assertThatThrownBy(() -> idempotency.lock(key)).isInstanceOf(IllegalStateException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
