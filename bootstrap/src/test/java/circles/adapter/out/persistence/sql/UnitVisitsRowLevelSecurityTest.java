package circles.adapter.out.persistence.sql;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.domain.actor.UserId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.extension.visitedunit.JdbcUnitVisits;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table of the visited_unit extension module (examples/criterion-visited-unit) lives in Circles' database
 * without being part of Circles' migrations, behind the same second wall as Circles' own org tables; its adapter
 * reads on the host transaction's connection, inside the org that transaction entered.
 */
@QuarkusTest
class UnitVisitsRowLevelSecurityTest extends PersistenceTest {
    private static final String UNIT = "unit-rls";

    @Inject
    JdbcUnitVisits visits;

    private Organization orgA;
    private Organization orgB;
    private UserId learnerOfA;
    private UserId learnerOfB;
    private Instant visitedAt;

    @BeforeEach
    void twoOrgsWithVisits() {
        orgA = newOrg();
        orgB = newOrg();
        learnerOfA = user("learner");
        learnerOfB = user("learner");
        newOrgMember(orgA.id(), learnerOfA, OrgRole.MEMBER);
        newOrgMember(orgB.id(), learnerOfB, OrgRole.MEMBER);
        visitedAt = now();
        visits.record(orgA.id(), learnerOfA, UNIT, visitedAt);
        visits.record(orgB.id(), learnerOfB, UNIT, visitedAt);
    }

    @Test
    void the_module_migrates_its_table_with_a_history_of_its_own() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            assertThat(strings(connection, "select version from visited_unit_schema_history where success"
                    + " and version <> '0' order by installed_rank")).containsExactly("1");
            assertThat(strings(connection, "select description from flyway_schema_history"))
                    .isNotEmpty().noneMatch(description -> description.contains("unit visits"));
        }
    }

    @Test
    void the_table_forces_row_level_security_for_the_application_role() throws SQLException {
        try (Connection connection = connectAsApplication();
             ResultSet flags = connection.createStatement().executeQuery("select relrowsecurity, relforcerowsecurity,"
                     + " pg_get_userbyid(relowner) = current_user from pg_class where oid = 'unit_visits'::regclass")) {
            assertThat(flags.next()).isTrue();
            assertThat(flags.getBoolean(1)).as("enables RLS").isTrue();
            assertThat(flags.getBoolean(2)).as("forces RLS").isTrue();
            assertThat(flags.getBoolean(3)).as("owned by the application role").isTrue();
        }
    }

    @Test
    void another_orgs_visits_are_neither_visible_nor_writable() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            assertThat(count(connection, "unit_visits", "org_id is not null")).as("without a setting").isZero();

            set(connection, "circles.org_id", orgB.id().toString());
            assertThat(count(connection, "unit_visits", "org_id = '" + orgA.id() + "'")).as("A from B").isZero();
            assertThat(count(connection, "unit_visits", "org_id = '" + orgB.id() + "'")).as("B from B").isOne();
            try (PreparedStatement delete = connection.prepareStatement("delete from unit_visits where org_id = '"
                    + orgA.id() + "'")) {
                assertThat(delete.executeUpdate()).as("A deleted from B").isZero();
            }
            assertThatThrownBy(() -> {
                try (PreparedStatement insert = connection.prepareStatement("insert into unit_visits (org_id,"
                        + " unit_id, user_id, last_visited_at) values ('" + orgA.id() + "', 'x', 'x', now())")) {
                    insert.executeUpdate();
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            connection.rollback();
        }
    }

    @Test
    void the_adapter_reads_inside_the_org_the_host_transaction_entered() {
        assertThat(tx(() -> {
            tenant.enter(orgA.id());
            return visits.lastVisit(orgA.id(), learnerOfA, UNIT);
        })).contains(visitedAt);
        assertThat(tx(() -> {
            tenant.enter(orgA.id());
            return visits.lastVisit(orgB.id(), learnerOfB, UNIT);
        })).as("a query naming another org than the one entered").isEqualTo(Optional.empty());
        assertThat(tx(() -> {
            tenant.enter(orgA.id());
            return visits.lastVisit(orgA.id(), learnerOfA, "another-unit");
        })).isEmpty();
    }

    @Test
    void a_visit_older_than_the_one_known_changes_nothing() {
        visits.record(orgA.id(), learnerOfA, " " + UNIT + " ", visitedAt.minusSeconds(3600));
        assertThat(tx(() -> {
            tenant.enter(orgA.id());
            return visits.lastVisit(orgA.id(), learnerOfA, UNIT);
        })).contains(visitedAt);

        Instant later = visitedAt.plusSeconds(60);
        visits.record(orgA.id(), learnerOfA, UNIT, later);
        assertThat(tx(() -> {
            tenant.enter(orgA.id());
            return visits.lastVisit(orgA.id(), learnerOfA, UNIT);
        })).contains(later);
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
