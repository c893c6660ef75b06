package circles.adapter.out.persistence.apitoken;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.apitoken.ApiTokenRepository;
import circles.domain.actor.UserId;
import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The second wall around API tokens, connected exactly as the application is. */
@QuarkusTest
class ApiTokenRowLevelSecurityTest extends PersistenceTest {
    @Inject
    ApiTokenRepository tokens;

    private Organization orgA;
    private Organization orgB;

    @BeforeEach
    void twoOrgsWithTokens() {
        orgA = newOrg();
        orgB = newOrg();
        fill(orgA);
        fill(orgB);
    }

    private void fill(Organization org) {
        UserId admin = user("admin");
        newOrgMember(org.id(), admin, OrgRole.ADMIN);
        ApiToken token = ApiToken.issue(org.id(), "Feed", Set.of(ApiTokenScope.EVENTS_READ), unique("hash"), admin,
                null, now());
        inTx(() -> tokens.save(token));
    }

    @Test
    void the_table_forces_row_level_security_and_hides_and_protects_another_orgs_tokens() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            try (ResultSet flags = connection.createStatement().executeQuery("select relrowsecurity,"
                    + " relforcerowsecurity from pg_class where oid = 'api_tokens'::regclass")) {
                assertThat(flags.next()).isTrue();
                assertThat(flags.getBoolean(1)).as("enables RLS").isTrue();
                assertThat(flags.getBoolean(2)).as("forces RLS").isTrue();
            }
            connection.setAutoCommit(false);
            assertThat(count(connection, "api_tokens", "org_id is not null")).as("without a setting").isZero();
            set(connection, "circles.org_id", orgB.id().toString());
            assertThat(count(connection, "api_tokens", "org_id = '" + orgA.id() + "'")).as("A from B").isZero();
            assertThat(count(connection, "api_tokens", "org_id = '" + orgB.id() + "'")).as("B from B").isPositive();
            try (PreparedStatement delete = connection.prepareStatement("delete from api_tokens where org_id = '"
                    + orgA.id() + "'")) {
                assertThat(delete.executeUpdate()).as("A deleted from B").isZero();
            }
            assertThatThrownBy(() -> {
                try (PreparedStatement insert = connection.prepareStatement("insert into api_tokens (id, org_id, name,"
                        + " scopes, secret_hash, created_at, created_by, expires_at) values ('" + UUID.randomUUID()
                        + "', '" + orgA.id() + "', 'sneaky', 'events:read', 'sneaky-hash', now(), 'x',"
                        + " now() + interval '1 day')")) {
                    insert.executeUpdate();
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            connection.rollback();
        }
    }
}
