package circles.application.port.out.activity;

import circles.application.port.out.activity.ActivityStore.Numbered;
import circles.application.port.out.shared.PortFixture;
import circles.domain.activity.ActivityEvent;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.Organization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static circles.application.port.out.shared.PortFixture.someUser;
import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link ActivityStore} and {@link ActivityReader} rely on, whichever storage serves them: an event
 * is stored once per org whatever how often it is written, events of non-members are named and left out, new logins
 * move a member's last login forward only, windows count the events after their start exactly across UTC days, and
 * retention deletes raw events and earlier rollups while the latest activity stays.
 */
public abstract class ActivityStoreContract {
    /** A fixed moment in the afternoon (UTC), so that windows start in the middle of a day. */
    private static final Instant NOW = Instant.parse("2026-03-31T15:00:00Z");
    private static final Set<ActivityType> LEARNING = Set.of(ActivityType.LESSON_PROGRESS, ActivityType.CREDIT_EARNED);

    private PortFixture world;
    private Organization org;
    private UserId ana;
    private UserId ben;

    protected abstract PortFixture fixture();

    protected abstract ActivityStore store();

    protected abstract ActivityReader reader();

    @BeforeEach
    void anOrgWithTwoMembers() {
        world = fixture();
        org = world.newOrg();
        ana = world.newMember(org, "ana");
        ben = world.newMember(org, "ben");
    }

    private static Numbered event(int index, String id, UserId user, ActivityType type, Instant at, int quantity) {
        return new Numbered(index, new ActivityEvent(id, user, type, at, quantity));
    }

    private ActivityStore.Written write(Numbered... events) {
        return world.inOrg(org.id(), () -> store().write(org.id(), List.of(events)));
    }

    private Map<ActivityType, Long> totals(UserId user, Instant after) {
        return world.inOrg(org.id(), () -> reader().totals(org.id(), user, LEARNING, after));
    }

    @Test
    void an_event_is_stored_once_whatever_how_often_it_is_written_and_unknown_members_are_named() {
        String id = unique("e");
        ActivityStore.Written first = write(
                event(0, id + "-1", ana, ActivityType.LESSON_PROGRESS, NOW.minusSeconds(60), 3),
                event(4, id + "-2", someUser("ghost"), ActivityType.LOGIN, NOW.minusSeconds(60), 1),
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
        assertThat(world.inOrg(org.id(), () -> reader().lastActivity(org.id(), ana))).contains(NOW.minusSeconds(10));
        assertThat(world.inOrg(org.id(), () -> reader().lastActivity(org.id(), ben))).contains(NOW.minusSeconds(30));
    }

    @Test
    void new_logins_move_each_members_last_login_to_their_latest_one_and_never_back() {
        String id = unique("login");
        Instant early = NOW.minus(Duration.ofDays(2));
        Instant late = NOW.minus(Duration.ofHours(3));
        long benVersion = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ben).orElseThrow().version());

        write(event(0, id + "-1", ana, ActivityType.LOGIN, early, 1),
                event(1, id + "-2", ana, ActivityType.LOGIN, late, 1),
                event(2, id + "-3", ben, ActivityType.MESSAGE_SENT, late, 1));
        var anaAfter = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ana).orElseThrow());
        assertThat(anaAfter.profile().lastLoginAt()).isEqualTo(late);
        var benAfter = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ben).orElseThrow());
        assertThat(benAfter.profile().lastLoginAt()).isNull();
        assertThat(benAfter.version()).isEqualTo(benVersion);

        // An older login and the latest one again: nothing moves, and the member's version stays.
        write(event(0, id + "-4", ana, ActivityType.LOGIN, early.minus(Duration.ofDays(1)), 1),
                event(1, id + "-2", ana, ActivityType.LOGIN, late, 1),
                event(2, id + "-5", ben, ActivityType.LOGIN, early, 1));
        var anaLater = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ana).orElseThrow());
        assertThat(anaLater.profile().lastLoginAt()).isEqualTo(late);
        assertThat(anaLater.version()).isEqualTo(anaAfter.version());
        assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ben).orElseThrow().profile()
                .lastLoginAt())).isEqualTo(early);
    }

    @Test
    void latest_activity_and_last_login_follow_the_newest_event_over_many_batches_and_late_events_move_nothing() {
        String id = unique("late");
        Instant base = NOW.minus(Duration.ofDays(3));
        Instant anaLatest = null;
        Instant benLogin = null;
        // More batches than a connection runs a statement before it plans it generically, so that both plans count.
        for (int call = 0; call < 8; call++) {
            Instant anaAt = base.plus(Duration.ofHours(call % 2 == 0 ? 10L * call : -5L * call)); // odd calls: late
            Instant benAt = base.plus(Duration.ofHours(call % 3 == 0 ? -3L * call : 7L * call));
            write(event(0, id + "-a" + call, ana, ActivityType.MESSAGE_SENT, anaAt, 1),
                    event(1, id + "-b" + call, ben, ActivityType.LOGIN, benAt, 1),
                    event(2, id + "-c" + call, ana, ActivityType.LOGIN, anaAt.minusSeconds(1), 1));
            anaLatest = anaLatest == null || anaAt.isAfter(anaLatest) ? anaAt : anaLatest;
            benLogin = benLogin == null || benAt.isAfter(benLogin) ? benAt : benLogin;
            Instant anaLogin = anaLatest.minusSeconds(1);
            Instant expectedBen = benLogin;
            assertThat(world.inOrg(org.id(), () -> reader().lastActivity(org.id(), ana))).as("call %d", call)
                    .contains(anaLatest);
            assertThat(world.inOrg(org.id(), () -> reader().lastActivity(org.id(), ben))).as("call %d", call)
                    .contains(expectedBen);
            assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ana).orElseThrow().profile()
                    .lastLoginAt())).as("call %d", call).isEqualTo(anaLogin);
            assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), ben).orElseThrow().profile()
                    .lastLoginAt())).as("call %d", call).isEqualTo(expectedBen);
        }
        // Every event counted once in its day, late ones included.
        assertThat(world.inOrg(org.id(), () -> reader().totals(org.id(), ana, Set.of(ActivityType.MESSAGE_SENT,
                ActivityType.LOGIN), base.minus(Duration.ofDays(2))))).isEqualTo(Map.of(
                ActivityType.MESSAGE_SENT, 8L, ActivityType.LOGIN, 8L));
    }

    @Test
    void events_of_one_batch_on_the_same_day_and_type_add_up_with_those_already_stored() {
        String id = unique("sum");
        Instant day = NOW.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
        write(event(0, id + "-1", ana, ActivityType.LESSON_PROGRESS, day.plus(Duration.ofHours(1)), 2));
        // One key already stored, twice in the batch; one new key twice in the batch; one new key once.
        write(event(0, id + "-2", ana, ActivityType.LESSON_PROGRESS, day.plus(Duration.ofHours(2)), 3),
                event(1, id + "-3", ana, ActivityType.LESSON_PROGRESS, day.plus(Duration.ofHours(3)), 5),
                event(2, id + "-4", ana, ActivityType.CREDIT_EARNED, day.plus(Duration.ofHours(4)), 7),
                event(3, id + "-5", ana, ActivityType.CREDIT_EARNED, day.plus(Duration.ofHours(5)), 11),
                event(4, id + "-6", ben, ActivityType.CREDIT_EARNED, day.plus(Duration.ofHours(6)), 13),
                event(5, id + "-1", ana, ActivityType.LESSON_PROGRESS, day.plus(Duration.ofHours(1)), 2));

        assertThat(totals(ana, day.minusSeconds(1))).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 10L,
                ActivityType.CREDIT_EARNED, 18L));
        assertThat(totals(ben, day.minusSeconds(1))).isEqualTo(Map.of(ActivityType.CREDIT_EARNED, 13L));
        // A window starting inside the day counts the raw events after its start only.
        assertThat(totals(ana, day.plus(Duration.ofMinutes(150)))).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 5L,
                ActivityType.CREDIT_EARNED, 18L));
    }

    @Test
    void a_window_counts_events_after_its_start_exactly_across_utc_day_boundaries() {
        Instant start = NOW.minus(Duration.ofDays(7));                       // 2026-03-24T15:00Z
        Instant dayOfStart = start.truncatedTo(ChronoUnit.DAYS);
        String id = unique("e");
        write(event(0, id + "-at-start", ana, ActivityType.LESSON_PROGRESS, start, 1),
                event(1, id + "-just-after", ana, ActivityType.LESSON_PROGRESS, start.plusNanos(1_000), 10),
                event(2, id + "-same-day-before", ana, ActivityType.LESSON_PROGRESS, dayOfStart, 100),
                event(3, id + "-same-day-late", ana, ActivityType.LESSON_PROGRESS,
                        dayOfStart.plus(Duration.ofDays(1)).minusNanos(1_000), 1_000),
                event(4, id + "-next-midnight", ana, ActivityType.CREDIT_EARNED, dayOfStart.plus(Duration.ofDays(1)),
                        5),
                event(5, id + "-day-before", ana, ActivityType.CREDIT_EARNED, dayOfStart.minusNanos(1_000), 50),
                event(6, id + "-today", ben, ActivityType.CREDIT_EARNED, NOW.minusSeconds(1), 7));

        // Inside: just-after (10), same-day-late (1,000) and next-midnight (5); not at-start, not earlier.
        assertThat(totals(ana, start)).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 1_010L,
                ActivityType.CREDIT_EARNED, 5L));
        assertThat(world.inOrg(org.id(), () -> reader().totals(org.id(), LEARNING, start))).isEqualTo(Map.of(
                ana, Map.of(ActivityType.LESSON_PROGRESS, 1_010L, ActivityType.CREDIT_EARNED, 5L),
                ben, Map.of(ActivityType.CREDIT_EARNED, 7L)));
        assertThat(world.inOrg(org.id(), () -> reader().maxima(org.id(), LEARNING, start))).isEqualTo(Map.of(
                ActivityType.LESSON_PROGRESS, 1_010L, ActivityType.CREDIT_EARNED, 7L));
        // A window starting at midnight counts the whole next day and nothing of the day before.
        assertThat(totals(ana, dayOfStart)).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS, 1_011L,
                ActivityType.CREDIT_EARNED, 5L));
        assertThat(totals(ana, dayOfStart.minusNanos(1_000))).isEqualTo(Map.of(ActivityType.LESSON_PROGRESS,
                1_111L, ActivityType.CREDIT_EARNED, 5L));
    }

    @Test
    void retention_deletes_raw_events_up_to_the_cutoff_and_rollups_of_earlier_days() {
        String id = unique("e");
        Instant old = Instant.parse("2020-01-10T12:00:00Z");
        write(event(0, id + "-old", ana, ActivityType.LOGIN, old, 1),
                event(1, id + "-new", ana, ActivityType.LOGIN, NOW.minusSeconds(5), 1));

        long events = world.inTransaction(() -> store().deleteEventsUpTo(old));
        LocalDate dayAfter = LocalDate.ofInstant(old, ZoneOffset.UTC).plusDays(1);
        long rollups = world.inTransaction(() -> store().deleteRollupsBefore(dayAfter));

        assertThat(events).isGreaterThanOrEqualTo(1);
        assertThat(rollups).isGreaterThanOrEqualTo(1);
        assertThat(world.inOrg(org.id(), () -> reader().totals(org.id(), ana, Set.of(ActivityType.LOGIN),
                old.minusSeconds(1))))
                .isEqualTo(Map.of(ActivityType.LOGIN, 1L));
        // The latest activity outlives the rollups it came from.
        assertThat(world.inOrg(org.id(), () -> reader().lastActivity(org.id(), ana))).contains(NOW.minusSeconds(5));
    }
}
