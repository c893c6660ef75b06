package circles.application.service.idempotency;

import circles.application.InMemoryCircles;
import circles.application.port.out.idempotency.IdempotencyStore;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class IdempotencyServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final IdempotencyStore.Key key = new IdempotencyStore.Key("ana", "POST /v1/groups", "key-1");
    private final AtomicInteger calls = new AtomicInteger();

    /** The first call of a create: answers with the hash of its own request, as the REST adapter does. */
    private Supplier<IdempotencyStore.Answer> create(String requestHash, int status) {
        return () -> {
            int call = calls.incrementAndGet();
            return new IdempotencyStore.Answer(requestHash, status, "/v1/groups/" + call, "{\"call\":" + call + "}",
                    circles.clock.instant());
        };
    }

    /** What the store holds for the key within the retention (straight from the store: no use case hands it out). */
    private java.util.Optional<IdempotencyStore.Answer> stored() {
        return circles.tx.inTransaction(() ->
                circles.idempotencyStore.find(key, circles.clock.instant().minus(IdempotencyService.RETENTION)));
    }

    @Test
    void the_same_key_and_request_replay_the_first_answer() {
        IdempotencyStore.Answer first = circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        IdempotencyStore.Answer second = circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));

        assertThat(calls).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(second.location()).isEqualTo("/v1/groups/1");
        assertThat(stored()).contains(first);
    }

    @Test
    void the_same_key_with_another_request_is_refused() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));

        assertThatThrownBy(() -> circles.idempotency.once(key, "hash-b", answer -> { }, create("hash-b", 201)))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("idempotency-key-reused"));
        assertThat(stored()).hasValueSatisfying(answer -> assertThat(answer.requestHash()).isEqualTo("hash-a"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void keys_belong_to_one_caller_and_route() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        IdempotencyStore.Key otherCaller = new IdempotencyStore.Key("bo", key.route(), key.key());
        IdempotencyStore.Key otherRoute = new IdempotencyStore.Key("ana", "POST /v1/orgs", key.key());
        circles.idempotency.once(otherCaller, "hash-b", answer -> { }, create("hash-b", 201));
        circles.idempotency.once(otherRoute, "hash-c", answer -> { }, create("hash-c", 201));

        assertThat(calls).hasValue(3);
    }

    @Test
    void a_replay_waits_for_the_callers_right_to_be_checked_again_and_a_lost_right_gets_no_answer() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        java.util.List<String> checked = new java.util.ArrayList<>();

        assertThatThrownBy(() -> circles.idempotency.once(key, "hash-a", answer -> {
            checked.add(answer.location());
            throw new circles.domain.shared.NotFound("group", "1");
        }, create("hash-a", 201))).isInstanceOf(circles.domain.shared.NotFound.class);

        assertThat(checked).containsExactly("/v1/groups/1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void failed_answers_are_not_kept() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 422));
        IdempotencyStore.Answer retried = circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));

        assertThat(calls).hasValue(2);
        assertThat(retried.status()).isEqualTo(201);
    }

    @Test
    void answers_are_forgotten_after_a_day() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));

        circles.clock.advance(Duration.ofHours(24));
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        assertThat(calls).as("replayed within the day").hasValue(1);
        circles.clock.advance(Duration.ofSeconds(1));
        assertThat(stored()).isEmpty();
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        assertThat(calls).as("made again after it").hasValue(2);
    }

    @Test
    void when_a_concurrent_first_call_won_its_answer_is_the_one_kept() {
        IdempotencyStore.Answer winner = new IdempotencyStore.Answer("hash-a", 201, "/v1/groups/winner", "{}",
                circles.clock.instant());
        IdempotencyStore.Answer kept = circles.idempotency.once(key, "hash-a", answer -> { }, () -> {
            circles.idempotencyStore.putIfAbsent(key, winner);
            return create("hash-a", 201).get();
        });

        assertThat(kept).isEqualTo(winner);
    }

    @Test
    void when_a_concurrent_first_call_with_another_request_won_the_request_is_refused() {
        IdempotencyStore.Answer winner = new IdempotencyStore.Answer("hash-b", 201, "/v1/groups/winner", "{}",
                circles.clock.instant());

        assertThatThrownBy(() -> circles.idempotency.once(key, "hash-a", answer -> { }, () -> {
            circles.idempotencyStore.putIfAbsent(key, winner);
            return create("hash-a", 201).get();
        })).isInstanceOf(RuleViolation.class);
    }

    @Test
    void after_a_day_the_key_serves_a_new_request() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        circles.clock.advance(Duration.ofHours(25));

        IdempotencyStore.Answer fresh = circles.idempotency.once(key, "hash-b", answer -> { }, create("hash-b", 201));

        assertThat(calls).hasValue(2);
        assertThat(fresh.location()).isEqualTo("/v1/groups/2");
        assertThat(circles.idempotency.once(key, "hash-b", answer -> { }, create("hash-b", 201))).isEqualTo(fresh);
    }

    @Test
    void the_key_is_locked_looked_up_and_stored_in_the_transaction_of_the_first_call() {
        int before = circles.db.transactionsRun();

        circles.idempotency.once(key, "hash-a", answer -> { }, () -> circles.tx.inTransaction(() -> {
            assertThat(circles.idempotencyStore.calls()).containsExactly("lock key-1", "find key-1");
            return create("hash-a", 201).get();
        }));

        assertThat(circles.idempotencyStore.calls()).containsExactly("lock key-1", "find key-1", "put key-1");
        assertThat(circles.db.transactionsRun() - before).isEqualTo(1);
    }

    @Test
    void a_replay_waits_for_the_key_before_it_looks_up() {
        circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));

        circles.idempotency.once(key, "hash-a", answer -> { }, () -> fail("a stored answer is replayed, not made again"));

        assertThat(circles.idempotencyStore.calls().subList(3, 5)).containsExactly("lock key-1", "find key-1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void a_first_call_that_fails_stores_nothing_and_the_key_serves_the_retry() {
        IllegalStateException lost = new IllegalStateException("the database went away");

        assertThatThrownBy(() -> circles.idempotency.once(key, "hash-a", answer -> { }, () -> {
            throw lost;
        })).isSameAs(lost);
        assertThat(circles.idempotencyStore.calls()).containsExactly("lock key-1", "find key-1");
        assertThat(stored()).isEmpty();

        IdempotencyStore.Answer retried = circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(circles.idempotency.once(key, "hash-a", answer -> { }, create("hash-a", 201))).isEqualTo(retried);
        assertThat(calls).hasValue(1);
        assertThat(retried.location()).isEqualTo("/v1/groups/1");
    }

    @Test
    void the_only_way_to_a_stored_answer_is_a_replay_with_the_callers_right_checked_again() {
        assertThat(java.util.Arrays.stream(circles.application.port.in.idempotency.IdempotencyUseCase.class
                .getDeclaredMethods()).map(java.lang.reflect.Method::getName)).containsExactly("once");
    }
}
