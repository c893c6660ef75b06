package circles.adapter.out.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.domain.shared.Conflict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordination of group commit, with a writer that records its batches instead of a database: who waits, who
 * writes, what each caller is told.
 */
class GroupCommitTest {
    private final ExecutorService callers = Executors.newFixedThreadPool(40);
    /** Every batch the writer was given (also the failed ones), in order. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    /** Items that are written only after this opens: holds the first commit back. */
    private final CountDownLatch release = new CountDownLatch(1);

    /** The items of the batches {@link #heldCommits} wrote, once each batch was released. */
    private final List<String> committed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void writes_that_come_during_a_commit_are_written_together_once_each_and_each_caller_returns_after_its_commit()
            throws Exception {
        GroupCommit<String, String> commits = heldCommits(1);

        Future<?> first = callers.submit(() -> {
            commits.write("org", "first");
            assertThat(committed).contains("first");
        });
        awaitBatches(1);
        List<Future<?>> others = writeItems(commits, 30);
        Thread.sleep(300);
        assertThat(batches).hasSize(1);
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<?> other : others) {
            other.get(5, TimeUnit.SECONDS);
        }

        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(30);
        assertThat(committed).hasSize(31).doesNotHaveDuplicates();
    }

    @Test
    void a_batch_with_one_bad_item_is_written_again_one_by_one_so_only_that_caller_fails() throws Exception {
        GroupCommit<String, String> commits = new GroupCommit<>((lane, items) -> {
            batches.add(List.copyOf(items));
            awaitRelease();
            if (items.contains("bad")) {
                throw new Conflict("group-name-taken", "taken");
            }
        }, 64, Duration.ZERO, 1000);

        Future<?> first = callers.submit(() -> commits.write("org", "first"));
        awaitBatches(1);
        List<Future<?>> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String item = "good-" + i;
            good.add(callers.submit(() -> commits.write("org", item)));
        }
        Future<?> bad = callers.submit(() -> commits.write("org", "bad"));
        Thread.sleep(300);
        release.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (Future<?> each : good) {
            each.get(5, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Conflict.class);
        assertThat(batches.get(1)).hasSize(6).contains("bad");
        // Then each alone: seven batches in all.
        assertThat(batches.subList(2, batches.size())).hasSize(6).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void a_passing_failure_of_a_batch_fails_each_of_its_callers_and_is_not_retried() throws Exception {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        GroupCommit<String, String> commits = new GroupCommit<>((lane, items) -> {
            batches.add(List.copyOf(items));
            items.forEach(item -> attempts.merge(item, 1, Integer::sum));
            awaitRelease();
            if (items.size() > 1) {
                throw new TemporarilyUnavailable("connection lost", Duration.ofSeconds(2), null);
            }
        }, 64, Duration.ZERO, 1000);

        Future<?> first = callers.submit(() -> commits.write("org", "first"));
        awaitBatches(1);
        List<Future<?>> failing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String item = "item-" + i;
            failing.add(callers.submit(() -> commits.write("org", item)));
        }
        Thread.sleep(300);
        release.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (Future<?> each : failing) {
            assertThatThrownBy(() -> each.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TemporarilyUnavailable.class);
        }
        assertThat(batches).hasSize(2);
        assertThat(attempts.values()).containsOnly(1);
    }

    @Test
    void a_lane_whose_commit_is_held_does_not_hold_another_lane() throws Exception {
        GroupCommit<String, String> commits = new GroupCommit<>((lane, items) -> {
            batches.add(List.copyOf(items));
            if (lane.equals("slow")) {
                awaitRelease();
            }
        }, 64, Duration.ZERO, 1000);

        Future<?> slow = callers.submit(() -> commits.write("slow", "held"));
        awaitBatches(1);
        commits.write("other", "free");

        assertThat(batches).containsExactly(List.of("held"), List.of("free"));
        assertThat(slow).isNotDone();
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
    }

    @Test
    void with_two_in_flight_a_second_batch_of_a_lane_is_written_while_the_first_is_held_and_each_write_once()
            throws Exception {
        GroupCommit<String, String> commits = heldCommits(2);

        Future<?> first = callers.submit(() -> commits.write("org", "first"));
        awaitBatches(1);
        Future<?> second = callers.submit(() -> commits.write("org", "second"));
        awaitBatches(2);
        List<Future<?>> others = writeItems(commits, 20);
        Thread.sleep(300);
        assertThat(batches).as("two batches in flight, the others wait").hasSize(2);
        assertThat(committed).isEmpty();
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        for (Future<?> other : others) {
            other.get(5, TimeUnit.SECONDS);
        }

        assertThat(committed).hasSize(22).doesNotHaveDuplicates();
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(22);
        assertThat(batches.size()).isBetween(3, 4);
    }

    @Test
    void more_waiting_writes_than_the_capacity_are_refused_as_temporarily_unavailable() throws Exception {
        GroupCommit<String, String> commits = new GroupCommit<>((lane, items) -> {
            batches.add(List.copyOf(items));
            awaitRelease();
        }, 64, Duration.ZERO, 2);

        Future<?> held = callers.submit(() -> commits.write("org", "held"));
        awaitBatches(1);
        Future<?> one = callers.submit(() -> commits.write("org", "one"));
        Future<?> two = callers.submit(() -> commits.write("org", "two"));
        Thread.sleep(300);

        assertThatThrownBy(() -> commits.write("org", "three")).isInstanceOf(TemporarilyUnavailable.class);
        release.countDown();
        held.get(5, TimeUnit.SECONDS);
        one.get(5, TimeUnit.SECONDS);
        two.get(5, TimeUnit.SECONDS);
        assertThat(batches).hasSize(2);
    }

    /** Group commit whose writer records each batch, waits for {@link #release}, then marks its items written. */
    private GroupCommit<String, String> heldCommits(int inFlight) {
        return new GroupCommit<>((lane, items) -> {
            batches.add(List.copyOf(items));
            awaitRelease();
            committed.addAll(items);
        }, 64, Duration.ZERO, 1000, inFlight);
    }

    /**
     * {@code count} callers writing item-0, item-1, ..., each checking that it returns only once its item is written.
     */
    private List<Future<?>> writeItems(GroupCommit<String, String> commits, int count) {
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = "item-" + i;
            writes.add(callers.submit(() -> {
                commits.write("org", item);
                assertThat(committed).as("returns only once written").contains(item);
            }));
        }
        return writes;
    }

    private void awaitRelease() {
        try {
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitBatches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.size() < count) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
