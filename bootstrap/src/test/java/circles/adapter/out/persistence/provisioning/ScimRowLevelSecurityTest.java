package circles.adapter.out.persistence.provisioning;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ScimToken;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall around the SCIM tables (tokens, users' and groups' provider identities), connected exactly as the
 * application is; and the one explicit cross-org path, the lookup of a token by the hash of its secret.
 */
@QuarkusTest
class ScimRowLevelSecurityTest extends PersistenceTest {
    private static final Map<String, String> SCIM_TABLES = Map.of(
            "scim_tokens", "org_id", "scim_users", "org_id", "scim_groups", "org_id");

    @Inject
    ScimTokenRepository tokens;
    @Inject
    ProvisionedUserRepository provisionedUsers;
    @Inject
    ProvisionedGroupRepository provisionedGroups;

    private Organization orgA;
    private Organization orgB;
    private ScimToken tokenOfA;
    private UserId memberOfA;

    @BeforeEach
    void twoOrgsWithScimData() {
        orgA = newOrg();
        orgB = newOrg();
        tokenOfA = fill(orgA);
        memberOfA = user("provisioned");
        fill(orgB);
        newOrgMember(orgA.id(), memberOfA, OrgRole.MEMBER);
    }

    private ScimToken fill(Organization org) {
        UserId userId = user("provisioned");
        newOrgMember(org.id(), userId, OrgRole.MEMBER);
        Group group = newGroup(org.id(), unique("Synced"), null, Visibility.PRIVATE);
        ScimToken token = ScimToken.issue(org.id(), "IdP", unique("hash"), userId, null, now());
        inTx(() -> {
            tokens.save(token);
            provisionedUsers.saveIdentity(org.id(), userId, new ProvisionedIdentity(unique("name"), "ext", Map.of()));
            provisionedGroups.saveExternalId(org.id(), group.id(), unique("group"));
        });
        return token;
    }

    @Test
    void every_scim_table_forces_row_level_security() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            for (String table : SCIM_TABLES.keySet()) {
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
            for (String table : SCIM_TABLES.keySet()) {
                assertThat(count(connection, table, "org_id is not null")).as(table + " without a setting").isZero();
            }
            set(connection, "circles.org_id", orgB.id().toString());
            for (String table : SCIM_TABLES.keySet()) {
                assertThat(count(connection, table, "org_id = '" + orgA.id() + "'")).as(table + " of A from B").isZero();
                assertThat(count(connection, table, "org_id = '" + orgB.id() + "'")).as(table + " of B from B")
                        .isPositive();
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table
                        + " where org_id = '" + orgA.id() + "'")) {
                    assertThat(delete.executeUpdate()).as(table + " of A deleted from B").isZero();
                }
            }
            assertThatThrownBy(() -> {
                try (PreparedStatement insert = connection.prepareStatement("insert into scim_tokens (id, org_id, name,"
                        + " secret_hash, created_at) values ('" + UUID.randomUUID() + "', '" + orgA.id()
                        + "', 'sneaky', 'sneaky-hash', now())")) {
                    insert.executeUpdate();
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            connection.rollback();
        }
    }

    @Test
    void a_token_is_found_by_its_hash_across_orgs_and_only_in_its_own_org_by_id() {
        ScimToken found = tx(() -> {
            tenant.enter(orgB.id());
            return tokens.findBySecretHash(tokenOfA.secretHash()).orElseThrow();
        });
        assertThat(found.id()).isEqualTo(tokenOfA.id());
        assertThat(found.orgId()).isEqualTo(orgA.id());
        assertThat(tx(() -> tokens.find(orgB.id(), tokenOfA.id()))).isEmpty();
        assertThat(tx(() -> tokens.find(orgA.id(), tokenOfA.id()))).isPresent();
    }

    @Test
    void user_names_are_found_in_their_org_ignoring_case() {
        String name = unique("Ana");
        inTx(() -> provisionedUsers.saveIdentity(orgA.id(), memberOfA, new ProvisionedIdentity(name, null, Map.of())));

        assertThat(tx(() -> provisionedUsers.withUserName(orgA.id(), name.toUpperCase()))).hasSize(1);
        assertThat(tx(() -> provisionedUsers.withUserName(orgB.id(), name))).isEmpty();
    }
}
