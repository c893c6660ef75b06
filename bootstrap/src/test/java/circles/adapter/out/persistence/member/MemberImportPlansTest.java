package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.member.MemberImportStore;
import circles.application.port.out.member.MemberImportStore.Counts;
import circles.application.port.out.member.MemberImportStore.StagedRow;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.Visibility;
import circles.domain.org.Organization;
import circles.domain.org.ProfilePatch;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of an import's statements stay linear whatever the planner believes about {@code org_members}. Right
 * after a bulk load PostgreSQL has no statistics on the rows just written (autovacuum gathers them a minute or more
 * later, or never when it is off): it then takes a new org for nearly empty and may join the staged rows to its
 * members in a nested loop that reads the whole of one side again for every row of the other, which at 100,000 rows
 * outlives any transaction timeout. Each statement of the adapter runs here under {@code explain analyze}, once with
 * statistics of {@code org_members} gathered before the org had members and once with none at all, and no large
 * input may be read more than once.
 */
@QuarkusTest
class MemberImportPlansTest extends PersistenceTest {
    private static final int ROWS = 3_000;
    private static final int OTHER_MEMBERS = 5_000;
    /** Reading this many rows once per row of another input is the quadratic shape. */
    private static final long LARGE = 1_000;

    @Inject
    MemberImportStoreAdapter store;
    @Inject
    EntityManager em;

    private final ObjectMapper json = new ObjectMapper();

    /** What the planner knows of {@code org_members} when an import creates the org's members, then changes them. */
    private record Statistics(String name, Runnable beforeCreating, Runnable beforeUpdating) {
    }

    /** A statement and the plan PostgreSQL executed it with. */
    private record Explained(String statement, JsonNode plan) {
    }

    @Test
    void no_statement_of_an_import_reads_a_large_input_once_per_row_whatever_the_statistics_of_org_members() {
        seedOtherOrg(OTHER_MEMBERS);
        Runnable analyze = () -> superuser("analyze org_members");
        Runnable forget = () -> superuser("delete from pg_statistic where starelid = 'org_members'::regclass");
        Runnable keep = () -> { };
        List<String> quadratic = new ArrayList<>();
        for (Statistics statistics : List.of(new Statistics("gathered before the org had members", analyze, keep),
                new Statistics("absent", forget, forget))) {
            Organization org = newOrg();
            Group welcome = newGroup(org.id(), unique("Welcome"), null, Visibility.ORGANIZATION);
            String prefix = unique("plan") + "-";

            statistics.beforeCreating().run();
            List<Explained> creating = new ArrayList<>();
            Counts created = tx(() -> {
                MemberImportStore.Staging staging = store.open(org.id(), sql -> creating.add(explain(sql)));
                staging.stage(rows(prefix, "engineering"));
                Counts counts = staging.classify();
                staging.write(now(), List.of(welcome.id()));
                return counts;
            });
            statistics.beforeUpdating().run();
            List<Explained> updating = new ArrayList<>();
            Counts updated = tx(() -> {
                MemberImportStore.Staging staging = store.open(org.id(), sql -> updating.add(explain(sql)));
                staging.stage(rows(prefix, "sales"));
                Counts counts = staging.classify();
                staging.write(now(), List.of());
                return counts;
            });

            assertThat(created).isEqualTo(new Counts(ROWS, 0, 0));
            assertThat(updated).isEqualTo(new Counts(0, ROWS, 0));
            // The statements ran (under explain analyze): the members exist and have changed.
            assertThat(tx(() -> orgMembers.find(org.id(), new UserId(prefix + 7)).orElseThrow()).profile()
                    .department()).isEqualTo("sales");
            assertThat(updating).anySatisfy(explained -> assertThat(explained.statement())
                    .startsWith("update org_members"));
            for (Explained explained : concat(creating, updating)) {
                repeatedLargeReads(explained.plan().get(0).get("Plan"), quadratic,
                        "statistics " + statistics.name() + ": " + explained.statement().substring(0, 60) + "…");
            }
        }
        assertThat(quadratic).isEmpty();
    }

    /** Member i reports to member i / 10 of the same file; the department tells the two imports apart. */
    private static List<StagedRow> rows(String prefix, String department) {
        List<StagedRow> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Optional<UserId> manager = i == 0 ? Optional.empty() : Optional.of(new UserId(prefix + (i / 10)));
            rows.add(new StagedRow(i, new UserId(prefix + i), new ProfilePatch(null, Optional.of("Member " + i),
                    Optional.of(department), null, null, manager, null, null, null, null, null, null), null, null));
        }
        return rows;
    }

    /** Another org's members fill {@code org_members}, as in any database that serves more than one org. */
    private void seedOtherOrg(int members) {
        Organization other = newOrg();
        String prefix = unique("other") + "-";
        inTx(() -> {
            tenant.enter(other.id());
            em.createNativeQuery("insert into users (id) select :prefix || i from generate_series(1, :n) i")
                    .setParameter("prefix", prefix).setParameter("n", members).executeUpdate();
            em.createNativeQuery("insert into org_members (org_id, user_id, role, status, department, joined_at,"
                            + " updated_at) select :org, :prefix || i, 'member', 'active', 'sales', now(), now()"
                            + " from generate_series(1, :n) i")
                    .setParameter("org", other.id().value()).setParameter("prefix", prefix)
                    .setParameter("n", members).executeUpdate();
        });
    }

    /** Runs {@code sql} as the database's superuser: the application's role may not touch the statistics. */
    private static void superuser(String sql) {
        try (Connection connection = PostgresTestResource.superuserConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Explained explain(SqlQuery statement) {
        String plan = (String) statement.prefixed("explain (analyze, format json) ").plain(em).getSingleResult();
        try {
            return new Explained(statement.toString(), json.readTree(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable plan: " + plan, e);
        }
    }

    /**
     * Collects the plan nodes that run more than once and read a large input each time: the inner side of a nested
     * loop that is a sequential scan, a Materialize over one, or any other scan not driven by the outer row.
     */
    private static void repeatedLargeReads(JsonNode node, List<String> found, String where) {
        long loops = node.path("Actual Loops").asLong(1);
        long read = node.path("Actual Rows").asLong(0) + node.path("Rows Removed by Filter").asLong(0)
                + node.path("Rows Removed by Join Filter").asLong(0);
        if (loops > 1 && read >= LARGE && !node.path("Parallel Aware").asBoolean(false)) {
            found.add(node.path("Node Type").asText() + " " + node.path("Relation Name").asText("")
                    + " read " + read + " rows " + loops + " times; " + where);
        }
        for (JsonNode child : node.path("Plans")) {
            repeatedLargeReads(child, found, where);
        }
    }

    private static List<Explained> concat(List<Explained> first, List<Explained> second) {
        List<Explained> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
