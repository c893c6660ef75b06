package circles.bootstrap.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a database role that row-level security would not hold: a superuser, or a role with
 * {@code BYPASSRLS}. Orgs are kept apart by row-level policies, and PostgreSQL skips those policies for
 * both kinds of role, so a service connected as one would show every org's data to every caller.
 *
 * <p>Pure JDBC, so that it can be checked against a real server without starting the application;
 * {@link DatabaseRoleStartupCheck} runs it in production before the schema is migrated.
 */
public final class DatabaseRoleCheck {

    private DatabaseRoleCheck() {
    }

    /**
     * Looks up the role {@code connection} is logged in as and throws {@link UnsafeDatabaseRole} when it is a
     * superuser or may bypass row-level security; returns quietly otherwise.
     */
    public static void refuseUnsafeRole(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet role = statement.executeQuery(
                     "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            if (!role.next()) {
                throw new SQLException("the current database role is not in pg_roles");
            }
            String name = role.getString(1);
            List<String> powers = new ArrayList<>();
            if (role.getBoolean(2)) {
                powers.add("SUPERUSER");
            }
            if (role.getBoolean(3)) {
                powers.add("BYPASSRLS");
            }
            if (!powers.isEmpty()) {
                throw new UnsafeDatabaseRole(name, powers);
            }
        }
    }

    /** The database role may read and write past row-level security; the message says what to do instead. */
    public static final class UnsafeDatabaseRole extends IllegalStateException {
        private final String role;

        UnsafeDatabaseRole(String role, List<String> powers) {
            super("Circles cannot start: the database role '" + role + "' (QUARKUS_DATASOURCE_USERNAME) has "
                    + String.join(" and ", powers) + ", so PostgreSQL would not apply the row-level security that"
                    + " keeps orgs apart. Connect as a role that is neither superuser nor BYPASSRLS and owns the"
                    + " database, e.g. CREATE ROLE circles LOGIN PASSWORD '...' NOSUPERUSER NOBYPASSRLS;"
                    + " CREATE DATABASE circles OWNER circles; and set QUARKUS_DATASOURCE_USERNAME and"
                    + " QUARKUS_DATASOURCE_PASSWORD to it.");
            this.role = role;
        }

        /** The role's name. */
        public String role() {
            return role;
        }
    }
}
