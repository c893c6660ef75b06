package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.dynamic.DynamicMembersStoreAdapter.DiffStatement;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.application.port.out.dynamic.DynamicMembersStore.Diff;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.org.Organization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the two statements that write a snapshot diff, taken right after the first write of a group of
 * 20,000 members, before any statistics know that group: the state of the table at the first refresh after a large
 * first evaluation. A nested loop that scans the staged target or the snapshot again for every outer row costs
 * members x members (a 1% diff right after a first write of 100,000 members took 13 minutes that way); every nested
 * loop must instead probe an index on the user id, or the join must hash or merge. The statements are the adapter's
 * own, explained with their parameters on the connection that staged the target, in three states: statistics
 * gathered before the group existed (they estimate its snapshot at one row, the estimate behind the 13 minutes), a
 * planner that takes a nested loop wherever one is possible (standing for any estimate that makes one look
 * cheapest), and no statistics of the snapshot table at all.
 */
@QuarkusTest
class DynamicMembersDiffPlanTest extends DynamicGroupsTest {
    private static final int MEMBERS = 20_000;
    private static final int CHURN = MEMBERS / 200;
    private static final int EARLIER_MEMBERS = 5_000;
    private static final Set<String> DIFFED = Set.of("dynamic_member_target", "dynamic_group_members");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    private Organization org;
    private Group earlier;
    private Group group;
    private String prefix;

    @BeforeEach
    void anOrgOfTwentyThousandMembers() throws SQLException {
        org = newOrg();
        earlier = newDynamicGroup(org.id());
        group = newDynamicGroup(org.id());
        prefix = unique("plan") + "-";
        try (Connection admin = PostgresTestResource.superuserConnection(); Statement s = admin.createStatement()) {
            // Autovacuum must not analyze the snapshot table while the test looks at plans made without statistics.
            s.execute("alter table dynamic_group_members set (autovacuum_enabled = false)");
            s.execute("insert into users (id) select '" + prefix + "' || lpad(i::text, 6, '0')"
                    + " from generate_series(1, " + (MEMBERS + CHURN) + ") i");
            s.execute("insert into org_members (org_id, user_id, role, status, joined_at, updated_at)"
                    + " select '" + org.id().value() + "', '" + prefix + "' || lpad(i::text, 6, '0'), 'member',"
                    + " 'active', now(), now() from generate_series(1, " + (MEMBERS + CHURN) + ") i");
            s.execute("analyze org_members");
        }
    }

    @AfterEach
    void dropTheLargeOrg() throws SQLException {
        try (Connection admin = PostgresTestResource.superuserConnection(); Statement s = admin.createStatement()) {
            s.execute("alter table dynamic_group_members reset (autovacuum_enabled)");
            s.execute("delete from groups where id in ('" + earlier.id().value() + "', '" + group.id().value() + "')");
            s.execute("delete from org_members where org_id = '" + org.id().value() + "'");
            s.execute("delete from users where id like '" + prefix + "%'");
        }
    }

    @Test
    void right_after_a_first_write_no_plan_of_the_next_diff_scans_the_target_or_the_snapshot_once_per_row()
            throws SQLException {
        // The snapshot table is analyzed while it holds another group only, then the group is written.
        Set<UserId> earlierMembers = new HashSet<>(members(1, EARLIER_MEMBERS));
        inTx(() -> dynamicMembers.applyDiff(earlier.id(), org.id(), earlierMembers, Set.of(), Cause.RULE_CHANGE,
                now()));
        try (Connection admin = PostgresTestResource.superuserConnection(); Statement s = admin.createStatement()) {
            s.execute("analyze dynamic_group_members");
        }
        Set<UserId> first = new HashSet<>(members(1, MEMBERS));
        assertThat(tx(() -> dynamicMembers.applyDiff(group.id(), org.id(), first, Set.of(), Cause.RULE_CHANGE, now()))
                .added()).hasSize(MEMBERS);

        Set<UserId> next = new HashSet<>(members(CHURN + 1, MEMBERS + CHURN));
        Instant at = now();
        Map<String, JsonNode> plans = new LinkedHashMap<>();
        long[] statistics = new long[2];
        inTx(() -> {
            tenant.enter(org.id());
            JdbcWork.call(em, connection -> {
                DynamicMembersStoreAdapter.stage(connection, next, Set.of());
                DiffStatement removal = DynamicMembersStoreAdapter.removal(group.id(), org.id(), Cause.SCHEDULE, UUID.randomUUID(), at);
                DiffStatement addition = DynamicMembersStoreAdapter.addition(group.id(), org.id(), Cause.SCHEDULE, UUID.randomUUID(), at);

                statistics[0] = statisticsOfSnapshotTable();
                plans.put("removal, statistics from before the group existed", explain(connection, removal));
                plans.put("addition, statistics from before the group existed", explain(connection, addition));

                JdbcWork.update(connection, "set local enable_hashjoin = off");
                JdbcWork.update(connection, "set local enable_mergejoin = off");
                plans.put("removal, nested loops preferred", explain(connection, removal));
                plans.put("addition, nested loops preferred", explain(connection, addition));
                JdbcWork.update(connection, "set local enable_hashjoin = on");
                JdbcWork.update(connection, "set local enable_mergejoin = on");

                dropStatisticsOfSnapshotTable();
                plans.put("removal, no statistics", explain(connection, removal));
                plans.put("addition, no statistics", explain(connection, addition));
                statistics[1] = statisticsOfSnapshotTable();
                return null;
            });
        });

        assertThat(statistics[0]).as("statistics of the snapshot table, first state").isPositive();
        assertThat(statistics[1]).as("statistics of the snapshot table, last state").isZero();
        SoftAssertions softly = new SoftAssertions();
        plans.forEach((name, plan) -> softly.assertThat(rescans(plan))
                .as("%s: scans of the target or the snapshot once per outer row in%n%s", name, outline(plan))
                .isEmpty());
        softly.assertAll();

        Diff diff = tx(() -> dynamicMembers.applyDiff(group.id(), org.id(), next, Set.of(), Cause.SCHEDULE, at));
        assertThat(diff.removed()).containsExactlyInAnyOrderElementsOf(members(1, CHURN));
        assertThat(diff.added()).containsExactlyInAnyOrderElementsOf(members(MEMBERS + 1, MEMBERS + CHURN));
        assertThat(diff.unchanged()).isEqualTo(MEMBERS - CHURN);
    }

    private List<UserId> members(int from, int to) {
        List<UserId> ids = new ArrayList<>(to - from + 1);
        for (int i = from; i <= to; i++) {
            ids.add(new UserId(prefix + String.format("%06d", i)));
        }
        return ids;
    }

    private static long statisticsOfSnapshotTable() throws SQLException {
        try (Connection admin = PostgresTestResource.superuserConnection(); Statement s = admin.createStatement();
             ResultSet rows = s.executeQuery("select count(*) from pg_statistic"
                     + " where starelid = 'dynamic_group_members'::regclass")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void dropStatisticsOfSnapshotTable() throws SQLException {
        try (Connection admin = PostgresTestResource.superuserConnection(); Statement s = admin.createStatement()) {
            s.execute("delete from pg_statistic where starelid = 'dynamic_group_members'::regclass");
        }
    }

    private static JsonNode explain(Connection connection, DiffStatement statement) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("explain (format json) " + statement.sql())) {
            JdbcWork.bind(explain, statement.parameters().toArray());
            try (ResultSet rows = explain.executeQuery()) {
                rows.next();
                return JSON.readTree(rows.getString(1)).get(0).get("Plan");
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scans of the target or the snapshot inside the inner side of a nested loop, which runs once per outer
     * row, that read more than the rows of the outer row's user: anything but an index probe on {@code user_id}.
     */
    private static List<String> rescans(JsonNode plan) {
        List<String> found = new ArrayList<>();
        walk(plan, node -> {
            if ("Nested Loop".equals(node.path("Node Type").asText())) {
                for (JsonNode child : node.path("Plans")) {
                    if ("Inner".equals(child.path("Parent Relationship").asText())) {
                        walk(child, scan -> {
                            if (DIFFED.contains(scan.path("Relation Name").asText()) && !probesUser(scan)) {
                                found.add(scan.path("Node Type").asText() + " of "
                                        + scan.path("Relation Name").asText());
                            }
                        });
                    }
                }
            }
        });
        return found;
    }

    private static boolean probesUser(JsonNode scan) {
        String condition = switch (scan.path("Node Type").asText()) {
            case "Index Scan", "Index Only Scan" -> scan.path("Index Cond").asText();
            case "Bitmap Heap Scan" -> scan.path("Recheck Cond").asText();
            default -> "";
        };
        return condition.matches("(?s).*\\buser_id = .*");
    }

    private static void walk(JsonNode node, Consumer<JsonNode> visit) {
        visit.accept(node);
        for (JsonNode child : node.path("Plans")) {
            walk(child, visit);
        }
    }

    private static String outline(JsonNode plan) {
        StringBuilder text = new StringBuilder();
        outline(plan, 1, text);
        return text.toString();
    }

    private static void outline(JsonNode node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node.path("Node Type").asText());
        for (String field : List.of("Join Type", "Relation Name", "Index Name", "Index Cond", "Hash Cond",
                "Merge Cond", "Join Filter", "Plan Rows")) {
            if (node.has(field)) {
                text.append(" [").append(field).append(": ").append(node.get(field).asText()).append(']');
            }
        }
        text.append(System.lineSeparator());
        for (JsonNode child : node.path("Plans")) {
            outline(child, depth + 1, text);
        }
    }
}
