package circles.adapter.out.persistence.activity;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.activity.ActivityReader;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.activity.ActivityStore.Numbered;
import circles.domain.activity.ActivityEvent;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The activity store and reader on PostgreSQL: idempotent writes, rollups, windows on UTC days, retention. */
@QuarkusTest
class ActivityStoreTest extends PersistenceTest {
    /** A fixed moment in the afternoon (UTC), so that windows start in the middle of a day. */
    private static final Instant NOW = Instant.parse("2026-03-31T15:00:00Z");
    private static final Set<ActivityType> LEARNING = Set.of(ActivityType.LESSON_PROGRESS, ActivityType.CREDIT_EARNED);

    @Inject
    ActivityStore store;
    @Inject
    ActivityReader reader;

    private Organization org;
    private UserId ana;
    private UserId ben;

    @BeforeEach
    void anOrgWithTwoMembers() {
        org = newOrg();
        ana = user("ana");
        ben = user("ben");
        newOrgMember(org.id(), ana, OrgRole.MEMBER);
        newOrgMember(org.id(), ben, OrgRole.MEMBER);
    }

    private static Numbered event(int index, String id, UserId user, ActivityType type, Instant at, int quantity) {
        return new Numbered(index, new ActivityEvent(id, user, type, at, quantity));
    }

    private ActivityStore.Written write(Numbered... events) {
        return tx(() -> store.write(org.id(), List.of(events)));
    }

    private Map<ActivityType, Long> totals(UserId user, Instant after) {
        return tx(() -> reader.totals(org.id(), user, LEARNING, after));
    }

    @Test
    void an_event_is_stored_once_whatever_how_often_it_is_written_and_unknown_members_are_named() {
        String id = unique("e");
        ActivityStore.Written first = write(
                event(0, id + "-1", ana, ActivityType.LESSON_PROGRESS, NOW.minusSeconds(60), 3),
                event(4, id + "-2", new UserId(unique("ghost")), ActivityType.LOGIN, NOW.minusSeconds(60), 1),
                event(7, id + "-3", ben, ActivityType.CREDIT_EARNED, NOW.minusSeconds(30), 2));
        ActivityStore.Written second = write(
                event(0, id + "-1", ana, ActivityType.LESSON_PROGRESS, NOW.minusSeconds(60), 3),
                event(1, id + "-4", ana, ActivityType.LESSON_PROGRESS, NOW.minusSeconds(10), 1));

        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.duplicates()).isZero();
        assertThat(first.unknownMembers()).containsExactly(4);
        assertThat(first.touched()).containsExactlyInAnyOrder(ana, ben);
        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.touched()).containsExactly(ana);
        assertThat(totals(ana, NOW.minus(Duration.ofDays(1)))).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 4L));
        assertThat(tx(() -> reader.lastActivity(org.id(), ana))).contains(NOW.minusSeconds(10));
        assertThat(tx(() -> reader.lastActivity(org.id(), ben))).contains(NOW.minusSeconds(30));
    }

    @Test
    void new_logins_move_each_members_last_login_to_their_latest_one_and_never_back() {
        String id = unique("login");
        Instant early = NOW.minus(Duration.ofDays(2));
        Instant late = NOW.minus(Duration.ofHours(3));
        long benVersion = tx(() -> orgMembers.find(org.id(), ben).orElseThrow().version());

        write(event(0, id + "-1", ana, ActivityType.LOGIN, early, 1),
                event(1, id + "-2", ana, ActivityType.LOGIN, late, 1),
                event(2, id + "-3", ben, ActivityType.MESSAGE_SENT, late, 1));
        var anaAfter = tx(() -> orgMembers.find(org.id(), ana).orElseThrow());
        assertThat(anaAfter.profile().lastLoginAt()).isEqualTo(late);
        var benAfter = tx(() -> orgMembers.find(org.id(), ben).orElseThrow());
        assertThat(benAfter.profile().lastLoginAt()).isNull();
        assertThat(benAfter.version()).isEqualTo(benVersion);

        // An older login and the latest one again: nothing moves, and the member's version stays.
        write(event(0, id + "-4", ana, ActivityType.LOGIN, early.minus(Duration.ofDays(1)), 1),
                event(1, id + "-2", ana, ActivityType.LOGIN, late, 1),
                event(2, id + "-5", ben, ActivityType.LOGIN, early, 1));
        var anaLater = tx(() -> orgMembers.find(org.id(), ana).orElseThrow());
        assertThat(anaLater.profile().lastLoginAt()).isEqualTo(late);
        assertThat(anaLater.version()).isEqualTo(anaAfter.version());
        assertThat(tx(() -> orgMembers.find(org.id(), ben).orElseThrow().profile().lastLoginAt())).isEqualTo(early);
    }

    @Test
    void a_window_counts_events_after_its_start_exactly_across_utc_day_boundaries() {
        Instant start = NOW.minus(Duration.ofDays(7));                       // 2026-03-24T15:00Z
        Instant dayOfStart = start.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        String id = unique("e");
        write(event(0, id + "-at-start", ana, ActivityType.LESSON_PROGRESS, start, 1),
                event(1, id + "-just-after", ana, ActivityType.LESSON_PROGRESS, start.plusNanos(1_000), 10),
                event(2, id + "-same-day-before", ana, ActivityType.LESSON_PROGRESS, dayOfStart, 100),
                event(3, id + "-same-day-late", ana, ActivityType.LESSON_PROGRESS,
                        dayOfStart.plus(Duration.ofDays(1)).minusNanos(1_000), 1_000),
                event(4, id + "-next-midnight", ana, ActivityType.CREDIT_EARNED, dayOfStart.plus(Duration.ofDays(1)), 5),
                event(5, id + "-day-before", ana, ActivityType.CREDIT_EARNED, dayOfStart.minusNanos(1_000), 50),
                event(6, id + "-today", ben, ActivityType.CREDIT_EARNED, NOW.minusSeconds(1), 7));

        // Inside: just-after (10), same-day-late (1,000) and next-midnight (5); not at-start, not earlier.
        assertThat(totals(ana, start)).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 1_010L,
                ActivityType.CREDIT_EARNED, 5L));
        assertThat(tx(() -> reader.totals(org.id(), LEARNING, start))).isEqualTo(Map.of(
                ana, Map.of(ActivityType.LESSON_PROGRESS, 1_010L, ActivityType.CREDIT_EARNED, 5L),
                ben, Map.of(ActivityType.CREDIT_EARNED, 7L)));
        assertThat(tx(() -> reader.maxima(org.id(), LEARNING, start))).isEqualTo(Map.of(
                ActivityType.LESSON_PROGRESS, 1_010L, ActivityType.CREDIT_EARNED, 7L));
        // A window starting at midnight counts the whole next day and nothing of the day before.
        assertThat(totals(ana, dayOfStart)).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 1_011L,
                ActivityType.CREDIT_EARNED, 5L));
        assertThat(totals(ana, dayOfStart.minusNanos(1_000))).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 1_111L,
                ActivityType.CREDIT_EARNED, 5L));
    }

    @Test
    void retention_deletes_raw_events_up_to_the_cutoff_and_rollups_of_earlier_days() {
        String id = unique("e");
        Instant old = Instant.parse("2020-01-10T12:00:00Z");
        write(event(0, id + "-old", ana, ActivityType.LOGIN, old, 1),
                event(1, id + "-new", ana, ActivityType.LOGIN, NOW.minusSeconds(5), 1));

        long events = tx(() -> store.deleteEventsUpTo(old));
        long rollups = tx(() -> store.deleteRollupsBefore(LocalDate.ofInstant(old, ZoneOffset.UTC).plusDays(1)));

        assertThat(events).isGreaterThanOrEqualTo(1);
        assertThat(rollups).isGreaterThanOrEqualTo(1);
        assertThat(tx(() -> reader.totals(org.id(), ana, Set.of(ActivityType.LOGIN), old.minusSeconds(1))))
                .isEqualTo(Map.of(ActivityType.LOGIN, 1L));
        // The latest activity outlives the rollups it came from.
        assertThat(tx(() -> reader.lastActivity(org.id(), ana))).contains(NOW.minusSeconds(5));
    }
}
