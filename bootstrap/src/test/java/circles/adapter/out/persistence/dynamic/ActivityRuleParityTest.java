package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.application.port.out.activity.ActivityReader;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.membership.MembershipHistory;
import circles.domain.activity.ActivityEvent;
import circles.domain.activity.ActivityMetric;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.activity.ActivityData;
import circles.domain.group.Group;
import circles.domain.group.dynamic.MembershipPolicy;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.rule.RuleParser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules with activity criteria select the same members on every path: in memory over a reference computed in Java
 * from the raw events (an event counts when it occurred after the window's start), in memory over the stored
 * rollups (the path of refreshes and explanations), and in SQL. Event times cluster on the edges that matter:
 * exactly at a window's start and a microsecond either side, and on the UTC midnights around it. The snapshot a
 * refresh writes in place (rule, overrides and difference in one statement) holds exactly the members the
 * in-memory evaluation and the override policy give, and its difference is the one from the previous snapshot.
 */
@QuarkusTest
class ActivityRuleParityTest extends DynamicGroupsTest {
    private static final RuleEvaluator EVALUATOR = new RuleEvaluator();
    private static final int ORGS = 8;
    private static final int RULES_PER_ORG = 15;
    private static final List<Integer> DAYS = List.of(1, 7, 30);
    private static final List<String> DEPARTMENTS = List.of("d0", "d1", "d2");
    /**
     * Every org also gets the default score groups' rules (a score leaf alone, threshold 50) and a score leaf in a
     * conjunction: the shapes whose leaf the SQL joins with the members instead of probing per member.
     */
    private static final List<Object> TOP_LEVEL_SCORES = List.of(
            score("most_active", 50, 30), score("top_learners", 50, 30), score("most_talkative", 50, 30),
            Map.of("all", List.of(score("top_learners", 25, 7),
                    Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", "d1"))),
            Map.of("all", List.of(score("most_talkative", 50, 30), score("most_active", 10, 7))));

    @Inject
    RuleMemberQuery query;
    @Inject
    ActivityStore store;
    @Inject
    ActivityReader reader;
    @Inject
    EntityManager em;

    record Member(UserId id, MemberStatus status, String department, Instant lastLoginAt) {
    }

    /** The reference: sums and maxima computed from the raw events by their definition (docs/design.md). */
    record Reference(List<ActivityEvent> events, Map<UserId, Member> members) implements ActivityData {
        @Override
        public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
            return Optional.ofNullable(lastActivities(orgId).get(userId));
        }

        @Override
        public Map<UserId, Instant> lastActivities(OrgId orgId) {
            Map<UserId, Instant> last = new HashMap<>();
            events.forEach(e -> last.merge(e.userId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b));
            return last;
        }

        @Override
        public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
            return totals(orgId, types, after).getOrDefault(userId, Map.of());
        }

        @Override
        public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
            Map<UserId, Map<ActivityType, Long>> sums = new HashMap<>();
            for (ActivityEvent e : events) {
                if (types.contains(e.type()) && e.occurredAt().isAfter(after)) {
                    sums.computeIfAbsent(e.userId(), u -> new EnumMap<>(ActivityType.class))
                            .merge(e.type(), (long) e.quantity(), Long::sum);
                }
            }
            return sums;
        }

        @Override
        public Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after) {
            Map<ActivityType, Long> maxima = new EnumMap<>(ActivityType.class);
            totals(orgId, types, after).forEach((user, sums) -> {
                if (members.get(user).status() == MemberStatus.ACTIVE) {
                    sums.forEach((type, sum) -> maxima.merge(type, sum, Math::max));
                }
            });
            return maxima;
        }
    }

    @Test
    void rules_with_activity_criteria_select_the_same_members_in_sql_in_memory_and_by_the_definition() {
        Random random = new Random(20260331);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int rules = 0;
        int nonEmpty = 0;
        int notEveryone = 0;
        for (int o = 0; o < ORGS; o++) {
            Organization org = newOrg();
            Group group = newDynamicGroup(org.id());
            Map<UserId, Member> members = members(random, now);
            List<ActivityEvent> events = events(random, now, members);
            write(org, members, events);
            Reference reference = new Reference(events, members);
            RuleParser byDefinition = new RuleParser(CriterionRegistry.withBuiltIns(reference));
            RuleParser byRollups = new RuleParser(CriterionRegistry.withBuiltIns(reader));
            for (int r = 0; r < RULES_PER_ORG + TOP_LEVEL_SCORES.size(); r++) {
                Object document = r < RULES_PER_ORG ? rule(random, 1) : TOP_LEVEL_SCORES.get(r - RULES_PER_ORG);
                Set<String> expected = names(EVALUATOR.members(byDefinition.parse(document),
                        snapshot(org, members, now).memberIds(), snapshot(org, members, now)));
                Set<String> inMemory = tx(() -> {
                    tenant.enter(org.id());
                    OrgSnapshot snapshot = snapshot(org, members, now);
                    return names(EVALUATOR.members(byRollups.parse(document), snapshot.memberIds(), snapshot));
                });
                Rule rule = byRollups.parse(document);
                assertThat(query.supports(rule)).isTrue();
                Set<String> inSql = tx(() -> names(query.members(org.id(), rule, now)));
                long count = tx(() -> query.count(org.id(), rule, now));

                assertThat(inMemory).as("in memory over the rollups: %s", document).isEqualTo(expected);
                assertThat(inSql).as("in SQL: %s", document).isEqualTo(expected);
                assertThat(count).as("count in SQL: %s", document).isEqualTo(expected.size());
                snapshotInPlace(org, group, members, rule, now, random, expected, document);
                rules++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
                notEveryone += expected.size() < members.size() / 2 ? 1 : 0;
            }
        }
        assertThat(nonEmpty).as("rules selecting someone").isGreaterThan(rules / 4);
        assertThat(notEveryone).as("rules leaving many out").isGreaterThan(rules / 4);
    }

    /**
     * Writes the rule's members into the group's snapshot in place, with a few random overrides (some expired), and
     * checks the snapshot against the in-memory answer put through {@link MembershipPolicy}, and the difference
     * against the snapshot before.
     */
    private void snapshotInPlace(Organization org, Group group, Map<UserId, Member> members, Rule rule, Instant now,
                                 Random random, Set<String> selected, Object document) {
        List<UserId> ids = new ArrayList<>(members.keySet());
        List<OverrideEntry> entries = new ArrayList<>();
        int overrides = random.nextInt(4);
        for (int i = 0; i < overrides; i++) {
            Instant expiry = random.nextInt(4) == 0 ? now.minusSeconds(60) : null;
            entries.add(new OverrideEntry(UUID.randomUUID(), group.id(), org.id(), pick(random, ids),
                    random.nextBoolean() ? OverrideKind.INCLUDE : OverrideKind.EXCLUDE, null, expiry, null, now));
        }
        Set<UserId> selectedIds = new java.util.HashSet<>();
        selected.forEach(name -> selectedIds.add(new UserId(name)));
        MembershipPolicy.Members policy = MembershipPolicy.members(selectedIds, entries, now,
                id -> members.get(id).status() == MemberStatus.ACTIVE);
        Set<UserId> includes = new java.util.HashSet<>();
        Set<UserId> excluded = new java.util.HashSet<>();
        entries.stream().filter(e -> e.activeAt(now)).forEach(e ->
                (e.kind() == OverrideKind.EXCLUDE ? excluded : includes).add(e.userId()));
        includes.removeAll(excluded);

        Set<String> before = narrowedRecheck(org, group, ids, rule, now, includes, excluded, policy, random,
                document);
        DynamicMembersStore.RuleDiff written = tx(() -> dynamicMembers.applyRuleDiff(group.id(), org.id(), rule,
                now, includes, excluded, MembershipHistory.Cause.SCHEDULE, UUID.randomUUID())).orElseThrow();
        Set<String> after = tx(() -> names(dynamicMembers.memberIds(group.id(), org.id())));

        Set<String> expected = names(policy.members());
        assertThat(after).as("snapshot written in place: %s with %s", document, entries).isEqualTo(expected);
        assertThat(names(written.included())).as("included: %s with %s", document, entries)
                .isEqualTo(names(policy.included()));
        Set<String> added = new TreeSet<>(expected);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(expected);
        assertThat(names(Set.copyOf(written.diff().added()))).as("added: %s", document).isEqualTo(added);
        assertThat(names(Set.copyOf(written.diff().removed()))).as("removed: %s", document).isEqualTo(removed);
        assertThat(written.diff().memberCount()).as("member count: %s", document).isEqualTo(expected.size());
        for (UserId id : policy.members()) {
            DynamicMembersStore.Via via = tx(() -> dynamicMembers.member(group.id(), org.id(), id)).orElseThrow().via();
            assertThat(via).as("via of %s: %s with %s", id, document, entries).isEqualTo(
                    policy.included().contains(id) ? DynamicMembersStore.Via.INCLUDE : DynamicMembersStore.Via.RULE);
        }
    }

    /**
     * A re-check of a random third of the members only, on the snapshot the previous rule left: they end as the
     * full write gives them, with the via it gives, every other member stays, and the difference and member count
     * say exactly that. Returns the snapshot after it.
     */
    private Set<String> narrowedRecheck(Organization org, Group group, List<UserId> ids, Rule rule, Instant now,
                                        Set<UserId> includes, Set<UserId> excluded,
                                        MembershipPolicy.Members policy, Random random, Object document) {
        Set<String> before = tx(() -> names(dynamicMembers.memberIds(group.id(), org.id())));
        Set<UserId> among = new java.util.HashSet<>();
        for (UserId id : ids) {
            if (random.nextInt(3) == 0) {
                among.add(id);
            }
        }
        DynamicMembersStore.RuleDiff narrowed = tx(() -> dynamicMembers.applyRuleDiffAmong(group.id(), org.id(),
                rule, now, includes, excluded, among, MembershipHistory.Cause.DATA_CHANGE, UUID.randomUUID()))
                .orElseThrow();
        Set<String> after = tx(() -> names(dynamicMembers.memberIds(group.id(), org.id())));

        Set<String> amongNames = names(among);
        Set<String> expected = new TreeSet<>(before);
        expected.removeAll(amongNames);
        names(policy.members()).stream().filter(amongNames::contains).forEach(expected::add);
        assertThat(after).as("snapshot re-checked for %s: %s", amongNames, document).isEqualTo(expected);
        Set<String> added = new TreeSet<>(expected);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(expected);
        assertThat(names(Set.copyOf(narrowed.diff().added()))).as("re-check added: %s", document).isEqualTo(added);
        assertThat(names(Set.copyOf(narrowed.diff().removed()))).as("re-check removed: %s", document)
                .isEqualTo(removed);
        assertThat(narrowed.diff().memberCount()).as("re-check member count: %s", document)
                .isEqualTo(expected.size());
        for (UserId id : among) {
            if (policy.members().contains(id)) {
                assertThat(tx(() -> dynamicMembers.member(group.id(), org.id(), id)).orElseThrow().via())
                        .as("via of %s after the re-check: %s", id, document)
                        .isEqualTo(policy.included().contains(id) ? DynamicMembersStore.Via.INCLUDE
                                : DynamicMembersStore.Via.RULE);
            }
        }
        return after;
    }

    private static Set<String> names(Set<UserId> ids) {
        Set<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(id.value()));
        return names;
    }

    private static OrgSnapshot snapshot(Organization org, Map<UserId, Member> members, Instant now) {
        List<Candidate> candidates = new ArrayList<>();
        members.values().forEach(m -> candidates.add(new Candidate(m.id(), m.status(), new MemberProfile(null, null,
                m.department(), null, null, null, null, null, null, null, Map.of(), m.lastLoginAt()))));
        return new OrgSnapshot(org.id(), now, candidates, Map.of(), Map.of());
    }

    // ---- generators ----

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Map<UserId, Member> members(Random random, Instant now) {
        Map<UserId, Member> members = new LinkedHashMap<>();
        int size = 20 + random.nextInt(30);
        for (int i = 0; i < size; i++) {
            UserId id = user("act" + i);
            MemberStatus status = random.nextInt(6) == 0 ? MemberStatus.SUSPENDED : MemberStatus.ACTIVE;
            Instant login = random.nextInt(3) == 0 ? time(random, now) : null;
            members.put(id, new Member(id, status, pick(random, DEPARTMENTS), login));
        }
        return members;
    }

    /** A time on an edge (a window's start, a microsecond either side, a UTC midnight near it) or anywhere. */
    private static Instant time(Random random, Instant now) {
        Instant start = now.minus(Duration.ofDays(pick(random, DAYS)));
        Instant midnight = start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(random.nextInt(2)));
        return switch (random.nextInt(7)) {
            case 0 -> start;
            case 1 -> start.plus(1, ChronoUnit.MICROS);
            case 2 -> start.minus(1, ChronoUnit.MICROS);
            case 3 -> midnight;
            case 4 -> midnight.minus(1, ChronoUnit.MICROS);
            default -> now.minus(Duration.ofMinutes(random.nextInt(40 * 24 * 60)));
        };
    }

    private static List<ActivityEvent> events(Random random, Instant now, Map<UserId, Member> members) {
        List<ActivityEvent> events = new ArrayList<>();
        List<UserId> ids = new ArrayList<>(members.keySet());
        int count = members.size() * 3;
        for (int i = 0; i < count; i++) {
            UserId user = pick(random, ids);
            if (random.nextInt(4) == 0) {
                continue;
            }
            events.add(new ActivityEvent(unique("ev"), user, pick(random, List.of(ActivityType.values())),
                    time(random, now), 1 + random.nextInt(random.nextInt(3) == 0 ? 50 : 5)));
        }
        return events;
    }

    private static Map<String, Object> score(String metric, Number threshold, int windowDays) {
        return Map.of("criterion", "activity_score", "metric", metric, "threshold", threshold,
                "windowDays", windowDays);
    }

    private static Object rule(Random random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 4 : 7);
        return switch (kind) {
            case 0 -> Map.of("criterion", "last_active_within", "days", pick(random, DAYS));
            case 1 -> Map.of("criterion", "inactive_for", "days", pick(random, DAYS));
            case 2 -> Map.of("criterion", "activity_score", "metric",
                    pick(random, List.of(ActivityMetric.values())).name().toLowerCase(Locale.ROOT),
                    "threshold", pick(random, List.of(0, 10, 25, 50, 50, 62.5, 75, 100)),
                    "windowDays", pick(random, DAYS));
            case 3 -> Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                    "value", pick(random, DEPARTMENTS));
            case 4 -> Map.of("not", rule(random, depth + 1));
            default -> Map.of(random.nextBoolean() ? "all" : "any",
                    List.of(rule(random, depth + 1), rule(random, depth + 1)));
        };
    }

    private void write(Organization org, Map<UserId, Member> members, List<ActivityEvent> events) {
        inTx(() -> {
            tenant.enter(org.id());
            JdbcWork.call(em, connection -> {
                for (Member m : members.values()) {
                    JdbcWork.update(connection, "insert into users (id) values (?)", m.id().value());
                    JdbcWork.update(connection, "insert into org_members (org_id, user_id, role, status, department,"
                                    + " last_login_at, joined_at, updated_at) values (?, ?, 'member', ?, ?, ?, now(),"
                                    + " now())", org.id().value(), m.id().value(),
                            m.status().name().toLowerCase(Locale.ROOT), m.department(),
                            m.lastLoginAt() == null ? null : m.lastLoginAt().atOffset(java.time.ZoneOffset.UTC));
                }
                return null;
            });
        });
        // Written in two batches through the store, as ingestion writes them.
        int half = events.size() / 2;
        List<ActivityStore.Numbered> first = new ArrayList<>();
        List<ActivityStore.Numbered> second = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (i < half ? first : second).add(new ActivityStore.Numbered(i, events.get(i)));
        }
        for (List<ActivityStore.Numbered> batch : List.of(first, second)) {
            ActivityStore.Written written = tx(() -> store.write(org.id(), batch));
            assertThat(written.accepted()).isEqualTo(batch.size());
        }
    }
}
