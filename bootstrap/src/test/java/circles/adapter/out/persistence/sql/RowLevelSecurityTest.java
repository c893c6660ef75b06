package circles.adapter.out.persistence.sql;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;

import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.directory.MemberChanged;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall: connected exactly as the application is (same URL, role and password), a query that forgets
 * to filter by org still cannot reach another org's rows, in any table that holds org data.
 */
@QuarkusTest
class RowLevelSecurityTest extends PersistenceTest {
    /** Every table holding org data, with the column naming the org of a row. */
    private static final Map<String, String> ORG_TABLES = new LinkedHashMap<>();

    static {
        ORG_TABLES.put("orgs", "id");
        ORG_TABLES.put("org_members", "org_id");
        ORG_TABLES.put("groups", "org_id");
        ORG_TABLES.put("group_members", "org_id");
        ORG_TABLES.put("assignments", "org_id");
        ORG_TABLES.put("audit_events", "org_id");
        ORG_TABLES.put("member_events", "org_id");
        ORG_TABLES.put("master_data", "org_id");
        ORG_TABLES.put("public_events", "org_id");
        ORG_TABLES.put("group_search_grams", "org_id");
    }

    @Inject
    MasterDataRepository masterData;
    @Inject
    DirectoryEvents directoryEvents;

    private Organization orgA;
    private Organization orgB;
    private Group groupOfA;
    private Group club;

    @BeforeEach
    void twoOrgsWithDataInEveryTable() {
        orgA = newOrg();
        orgB = newOrg();
        groupOfA = fill(orgA);
        fill(orgB);
        club = newGroup(null, unique("Club"), null, Visibility.PUBLIC);
    }

    private Group fill(Organization org) {
        UserId userId = user("member");
        newOrgMember(org.id(), userId, OrgRole.ADMIN);
        Group group = newGroup(org.id(), unique("Team"), null, Visibility.PRIVATE);
        join(group, userId, GroupRole.OWNER, MembershipStatus.ACTIVE);
        inTx(() -> {
            tenant.enter(org.id());
            assignments.save(Assignment.assign(group, "course", "c-1", userId, now()));
            auditLog.record(AuditEvent.of(org.id(), userId, "group.created", "group", group.id(), now(), Map.of()));
            masterData.save(MasterDataNode.create(org.id(), MasterDataKind.DEPARTMENT, MasterDataKey.of("engineering"),
                    "Engineering", null, userId, now()));
            directoryEvents.publish(MemberChanged.between(org.id(), userId, null,
                    new MemberChanged.Snapshot(OrgRole.ADMIN, MemberStatus.ACTIVE, MemberProfile.EMPTY), now()));
        });
        return group;
    }

    @Test
    void the_application_role_is_subject_to_row_level_security_on_every_org_table() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            try (ResultSet role = query(connection, "select rolsuper, rolbypassrls from pg_roles"
                    + " where rolname = current_user")) {
                assertThat(role.next()).isTrue();
                assertThat(role.getBoolean("rolsuper")).isFalse();
                assertThat(role.getBoolean("rolbypassrls")).isFalse();
            }
            for (String table : ORG_TABLES.keySet()) {
                try (ResultSet flags = query(connection, "select c.relrowsecurity, c.relforcerowsecurity,"
                        + " pg_get_userbyid(c.relowner) = current_user as owned from pg_class c"
                        + " where c.oid = '" + table + "'::regclass")) {
                    assertThat(flags.next()).isTrue();
                    assertThat(flags.getBoolean("relrowsecurity")).as(table + " enables RLS").isTrue();
                    assertThat(flags.getBoolean("relforcerowsecurity")).as(table + " forces RLS").isTrue();
                    assertThat(flags.getBoolean("owned")).as(table + " is owned by the application role").isTrue();
                }
            }
        }
    }

    @Test
    void without_an_org_setting_no_org_row_is_visible() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            for (Map.Entry<String, String> table : ORG_TABLES.entrySet()) {
                assertThat(count(connection, table.getKey(), table.getValue() + " is not null"))
                        .as("org rows of %s visible without a setting", table.getKey()).isZero();
            }
            // Standalone data stays reachable.
            assertThat(count(connection, "groups", "id = '" + club.id() + "'")).isEqualTo(1);
        }
    }

    @Test
    void with_one_orgs_setting_no_row_of_another_org_is_visible() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            enter(connection, orgB.id());
            for (Map.Entry<String, String> table : ORG_TABLES.entrySet()) {
                String column = table.getValue();
                assertThat(count(connection, table.getKey(), column + " = '" + orgA.id() + "'"))
                        .as("rows of org A in %s seen from org B", table.getKey()).isZero();
                assertThat(count(connection, table.getKey(), column + " <> '" + orgB.id() + "'"))
                        .as("rows of any other org in %s seen from org B", table.getKey()).isZero();
                assertThat(count(connection, table.getKey(), column + " = '" + orgB.id() + "'"))
                        .as("rows of org B in %s seen from org B", table.getKey()).isPositive();
            }
            connection.rollback();

            enter(connection, orgA.id());
            for (Map.Entry<String, String> table : ORG_TABLES.entrySet()) {
                assertThat(count(connection, table.getKey(), table.getValue() + " = '" + orgA.id() + "'"))
                        .as("rows of org A in %s seen from org A", table.getKey()).isPositive();
            }
            connection.rollback();

            // The explicit cross-org scope sees both.
            set(connection, "circles.scope", "all");
            for (Map.Entry<String, String> table : ORG_TABLES.entrySet()) {
                assertThat(count(connection, table.getKey(), table.getValue() + " in ('" + orgA.id() + "', '"
                        + orgB.id() + "')")).as("rows of both orgs in %s across orgs", table.getKey())
                        .isGreaterThanOrEqualTo(2);
            }
            connection.rollback();
        }
    }

    @Test
    void with_one_orgs_setting_no_row_of_another_org_can_be_written() throws SQLException {
        Map<String, String> insertIntoA = Map.of(
                "orgs", "insert into orgs (id, name, slug, created_at, updated_at) values ('" + UUID.randomUUID()
                        + "', 'Sneaky', '" + unique("sneaky") + "', now(), now())",
                "org_members", "insert into org_members (org_id, user_id, role, status, joined_at, updated_at)"
                        + " values ('" + orgA.id() + "', 'platform-admin', 'admin', 'active', now(), now())",
                "groups", "insert into groups (id, org_id, name, slug, type, kind, visibility, created_at,"
                        + " updated_at) values ('" + UUID.randomUUID() + "', '" + orgA.id() + "', 'Sneaky', 'sneaky',"
                        + " 'custom', 'static', 'public', now(), now())",
                "group_members", "insert into group_members (group_id, org_id, user_id, role, status, joined_at)"
                        + " values ('" + groupOfA.id() + "', '" + orgA.id() + "', 'platform-admin', 'owner',"
                        + " 'active', now())",
                "assignments", "insert into assignments (id, group_id, org_id, resource_type, resource_id,"
                        + " assigned_by, assigned_at) values ('" + UUID.randomUUID() + "', '" + groupOfA.id() + "', '"
                        + orgA.id() + "', 'course', 'sneaky', 'x', now())",
                "audit_events", "insert into audit_events (id, org_id, actor_id, action, target_type, target_id,"
                        + " occurred_at) values ('" + UUID.randomUUID() + "', '" + orgA.id() + "', 'x', 'sneaky',"
                        + " 'org', 'x', now())",
                "member_events", "insert into member_events (id, org_id, member_key, type, payload, occurred_at,"
                        + " next_attempt_at) values ('" + UUID.randomUUID() + "', '" + orgA.id() + "', 'x',"
                        + " 'member_changed', '{}', now(), now())",
                "master_data", "insert into master_data (org_id, kind, key, name, path, created_at, updated_at)"
                        + " values ('" + orgA.id() + "', 'department', 'sneaky', 'Sneaky', '/sneaky', now(), now())",
                "public_events", "insert into public_events (id, aggregatetype, aggregateid, type, payload, org_id,"
                        + " occurred_at) values ('" + UUID.randomUUID() + "', 'group', 'x', 'circles.group.created',"
                        + " '{}', '" + orgA.id() + "', now())",
                "group_search_grams", "insert into group_search_grams (group_id, org_id, gram) values ('"
                        + groupOfA.id() + "', '" + orgA.id() + "', 'snk')");
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            for (Map.Entry<String, String> table : ORG_TABLES.entrySet()) {
                String name = table.getKey();
                String column = table.getValue();
                enter(connection, orgB.id());
                try (PreparedStatement update = connection.prepareStatement("update " + name + " set " + column
                        + " = " + column + " where " + column + " = '" + orgA.id() + "'")) {
                    assertThat(update.executeUpdate()).as("rows of org A in %s updated from org B", name).isZero();
                }
                try (PreparedStatement delete = connection.prepareStatement("delete from " + name + " where "
                        + column + " = '" + orgA.id() + "'")) {
                    assertThat(delete.executeUpdate()).as("rows of org A in %s deleted from org B", name).isZero();
                }
                assertThatThrownBy(() -> {
                    try (PreparedStatement insert = connection.prepareStatement(insertIntoA.get(name))) {
                        insert.executeUpdate();
                    }
                }).as("a row of org A inserted into %s from org B", name)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                connection.rollback();
            }
        }
        // Nothing of org A was lost on the way.
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            enter(connection, orgA.id());
            for (Map.Entry<String, String> table : ORG_TABLES.entrySet()) {
                assertThat(count(connection, table.getKey(), table.getValue() + " = '" + orgA.id() + "'"))
                        .isPositive();
            }
            connection.rollback();
        }
    }

    /** A connection exactly as the application's datasource makes them. */
    private static void enter(Connection connection, OrgId orgId) throws SQLException {
        set(connection, "circles.org_id", orgId.toString());
    }

    private static ResultSet query(Connection connection, String sql) throws SQLException {
        return connection.createStatement().executeQuery(sql);
    }
}
