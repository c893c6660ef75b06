package circles.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.bootstrap.config.DatabaseRoleCheck.UnsafeDatabaseRole;
import circles.bootstrap.embedded.CirclesDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production start-up check of the database role, against a real PostgreSQL with roles of each kind. */
class DatabaseRoleCheckTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        CirclesDatabase.provision(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        try (Connection admin = connect("postgres", null);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE bypassing LOGIN PASSWORD 'bypassing' NOSUPERUSER BYPASSRLS");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void the_plain_role_that_owns_the_database_is_accepted() throws SQLException {
        try (Connection connection = connect(CirclesDatabase.ROLE, CirclesDatabase.PASSWORD)) {
            assertThatCode(() -> DatabaseRoleCheck.refuseUnsafeRole(connection)).doesNotThrowAnyException();
        }
    }

    @Test
    void a_superuser_is_refused_with_its_name_and_what_to_do() throws SQLException {
        try (Connection connection = connect("postgres", null)) {
            assertThatThrownBy(() -> DatabaseRoleCheck.refuseUnsafeRole(connection))
                    .isInstanceOf(UnsafeDatabaseRole.class)
                    .hasMessageContaining("'postgres'")
                    .hasMessageContaining("SUPERUSER")
                    .hasMessageContaining("row-level security")
                    .hasMessageContaining("NOSUPERUSER NOBYPASSRLS");
        }
    }

    @Test
    void a_role_that_may_bypass_row_level_security_is_refused() throws SQLException {
        try (Connection connection = connect("bypassing", "bypassing")) {
            assertThatThrownBy(() -> DatabaseRoleCheck.refuseUnsafeRole(connection))
                    .isInstanceOf(UnsafeDatabaseRole.class)
                    .hasMessageContaining("'bypassing'")
                    .hasMessageContaining("BYPASSRLS")
                    .hasMessageNotContaining("has SUPERUSER");
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new org.postgresql.Driver().connect(CirclesDatabase.jdbcUrl("localhost", postgres.getPort()), properties);
    }
}
