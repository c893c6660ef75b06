package circles.adapter.out.persistence.dynamic;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;

import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.override.OverrideRepository;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall around the tables of dynamic groups (computed members, their history, overrides, dependencies),
 * connected exactly as the application is.
 */
@QuarkusTest
class DynamicGroupsRowLevelSecurityTest extends DynamicGroupsTest {
    private static final List<String> TABLES = List.of("dynamic_group_members", "group_membership_events",
            "group_overrides", "group_dependencies");

    @Inject
    OverrideRepository overrides;
    @Inject
    GroupDependencies dependencies;

    private Organization orgA;
    private Organization orgB;
    private Group groupOfA;
    private UserId memberOfA;

    @BeforeEach
    void twoOrgsWithDynamicGroups() {
        orgA = newOrg();
        orgB = newOrg();
        groupOfA = fill(orgA);
        memberOfA = tx(() -> dynamicMembers.memberIds(groupOfA.id(), orgA.id())).iterator().next();
        fill(orgB);
    }

    private Group fill(Organization org) {
        Group group = newDynamicGroup(org.id());
        Group base = newDynamicGroup(org.id());
        UserId userId = newMembers(org.id(), 1).getFirst();
        inTx(() -> {
            dynamicMembers.applyDiff(group.id(), org.id(), Set.of(userId), Cause.RULE_CHANGE, now());
            overrides.add(new OverrideEntry(UUID.randomUUID(), group.id(), org.id(), userId, OverrideKind.INCLUDE,
                    "vip", null,
                    null, now()));
            dependencies.replace(group.id(), org.id(), Set.of(base.id()));
        });
        return group;
    }

    @Test
    void every_table_forces_row_level_security() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            for (String table : TABLES) {
                try (ResultSet flags = connection.createStatement().executeQuery("select relrowsecurity,"
                        + " relforcerowsecurity from pg_class where oid = '" + table + "'::regclass")) {
                    assertThat(flags.next()).isTrue();
                    assertThat(flags.getBoolean(1)).as(table + " enables RLS").isTrue();
                    assertThat(flags.getBoolean(2)).as(table + " forces RLS").isTrue();
                }
            }
        }
    }

    @Test
    void another_orgs_rows_are_neither_visible_nor_writable() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            for (String table : TABLES) {
                assertThat(count(connection, table, "org_id is not null")).as(table + " without a setting").isZero();
            }
            set(connection, "circles.org_id", orgB.id().toString());
            for (String table : TABLES) {
                assertThat(count(connection, table, "org_id = '" + orgA.id() + "'")).as(table + " of A from B").isZero();
                assertThat(count(connection, table, "org_id = '" + orgB.id() + "'")).as(table + " of B from B")
                        .isPositive();
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table
                        + " where org_id = '" + orgA.id() + "'")) {
                    assertThat(delete.executeUpdate()).as(table + " of A deleted from B").isZero();
                }
            }
            Map<String, String> insertIntoA = Map.of(
                    "dynamic_group_members", "insert into dynamic_group_members (group_id, org_id, user_id, since, via)"
                            + " values ('" + groupOfA.id() + "', '" + orgA.id() + "', '" + memberOfA + "', now(), 'rule')",
                    "group_membership_events", "insert into group_membership_events (group_id, org_id, user_id, change,"
                            + " cause, occurred_at) values ('" + groupOfA.id() + "', '" + orgA.id() + "', 'x', 'added',"
                            + " 'schedule', now())");
            for (Map.Entry<String, String> insert : insertIntoA.entrySet()) {
                var savepoint = connection.setSavepoint();
                assertThatThrownBy(() -> {
                    try (PreparedStatement statement = connection.prepareStatement(insert.getValue())) {
                        statement.executeUpdate();
                    }
                }).as(insert.getKey()).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                connection.rollback(savepoint);
            }
            connection.rollback();
        }
        // Nothing of org A was lost on the way.
        assertThat(tx(() -> dynamicMembers.memberIds(groupOfA.id(), orgA.id()))).containsExactly(memberOfA);
    }
}
