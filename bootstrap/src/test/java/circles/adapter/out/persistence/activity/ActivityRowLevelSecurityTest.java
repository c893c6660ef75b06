package circles.adapter.out.persistence.activity;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.activity.ActivityStore;
import circles.domain.activity.ActivityEvent;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The second wall around the activity tables, connected exactly as the application is. */
@QuarkusTest
class ActivityRowLevelSecurityTest extends PersistenceTest {
    private static final List<String> TABLES = List.of("activity_events", "activity_daily", "member_activity");

    @Inject
    ActivityStore store;

    private Organization orgA;
    private Organization orgB;
    private UserId memberOfA;

    @BeforeEach
    void twoOrgsWithActivity() {
        orgA = newOrg();
        orgB = newOrg();
        memberOfA = fill(orgA);
        fill(orgB);
    }

    private UserId fill(Organization org) {
        UserId member = user("active");
        newOrgMember(org.id(), member, OrgRole.MEMBER);
        tx(() -> store.write(org.id(), List.of(new ActivityStore.Numbered(0, new ActivityEvent(unique("e"), member,
                ActivityType.LOGIN, now(), 1)))));
        return member;
    }

    @Test
    void the_activity_tables_enable_and_force_row_level_security() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            for (String table : TABLES) {
                try (ResultSet flags = connection.createStatement().executeQuery("select c.relrowsecurity,"
                        + " c.relforcerowsecurity from pg_class c where c.oid = '" + table + "'::regclass")) {
                    assertThat(flags.next()).isTrue();
                    assertThat(flags.getBoolean(1)).as(table + " enables RLS").isTrue();
                    assertThat(flags.getBoolean(2)).as(table + " forces RLS").isTrue();
                }
            }
        }
    }

    @Test
    void rows_are_seen_from_their_own_org_only_and_from_nowhere_without_a_setting() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            for (String table : TABLES) {
                assertThat(count(connection, table, "true")).as("rows of %s without a setting", table).isZero();
            }
            set(connection, "circles.org_id", orgB.id().toString());
            for (String table : TABLES) {
                assertThat(count(connection, table, "org_id = '" + orgA.id() + "'")).as("A's %s from B", table).isZero();
                assertThat(count(connection, table, "org_id <> '" + orgB.id() + "'")).isZero();
                assertThat(count(connection, table, "org_id = '" + orgB.id() + "'")).isPositive();
            }
            connection.rollback();
            set(connection, "circles.scope", "all");
            for (String table : TABLES) {
                assertThat(count(connection, table, "org_id in ('" + orgA.id() + "', '" + orgB.id() + "')"))
                        .as("both orgs' %s across orgs", table).isGreaterThanOrEqualTo(2);
            }
            connection.rollback();
        }
    }

    @Test
    void no_row_of_another_org_can_be_written() throws SQLException {
        Map<String, String> inserts = Map.of(
                "activity_events", "insert into activity_events (org_id, event_id, user_id, type, occurred_at,"
                        + " quantity, received_at) values ('" + orgA.id() + "', 'sneaky', '" + memberOfA
                        + "', 'login', now(), 1, now())",
                "activity_daily", "insert into activity_daily (org_id, user_id, day, type, events, quantity, last_at)"
                        + " values ('" + orgA.id() + "', '" + memberOfA + "', date '2000-01-01', 'login', 1, 1, now())",
                "member_activity", "update member_activity set last_active_at = now() where org_id = '" + orgA.id()
                        + "'");
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            for (String table : TABLES) {
                set(connection, "circles.org_id", orgB.id().toString());
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table
                        + " where org_id = '" + orgA.id() + "'")) {
                    assertThat(delete.executeUpdate()).as("A's %s deleted from B", table).isZero();
                }
                if (table.equals("member_activity")) {
                    try (PreparedStatement update = connection.prepareStatement(inserts.get(table))) {
                        assertThat(update.executeUpdate()).isZero();
                    }
                } else {
                    assertThatThrownBy(() -> {
                        try (PreparedStatement insert = connection.prepareStatement(inserts.get(table))) {
                            insert.executeUpdate();
                        }
                    }).as("a row of A inserted into %s from B", table).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                }
                connection.rollback();
            }
        }
    }

    @Test
    void a_member_leaving_the_org_takes_their_activity_along_and_leaves_everyone_elses() throws SQLException {
        UserId stays = user("stays");
        newOrgMember(orgA.id(), stays, OrgRole.MEMBER);
        tx(() -> store.write(orgA.id(), List.of(new ActivityStore.Numbered(0, new ActivityEvent(unique("e"), stays,
                ActivityType.MESSAGE_SENT, now(), 2)))));

        inTx(() -> {
            tenant.enter(orgA.id());
            orgMembers.delete(orgA.id(), memberOfA);
        });

        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            set(connection, "circles.scope", "all");
            for (String table : TABLES) {
                assertThat(count(connection, table, "org_id = '" + orgA.id() + "' and user_id = '" + memberOfA + "'"))
                        .as("the leaver's %s", table).isZero();
                assertThat(count(connection, table, "org_id = '" + orgA.id() + "' and user_id = '" + stays + "'"))
                        .as("the other member's %s", table).isPositive();
                assertThat(count(connection, table, "org_id = '" + orgB.id() + "'")).as("B's %s", table).isPositive();
            }
            connection.rollback();
        }
    }
}
