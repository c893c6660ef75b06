package circles.bootstrap.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Prepares a fresh PostgreSQL server for Circles: a login role {@value #ROLE} that is neither a
 * superuser nor exempt from row-level security, owning a database {@value #DATABASE}.
 *
 * <p>The application and Flyway both connect as that role. It owns the tables, and the migrations
 * FORCE row-level security on them, so the policies apply to the application's own queries too.
 * Every step is idempotent: running it against an already prepared server changes nothing.
 */
public final class CirclesDatabase {

    public static final String DATABASE = "circles";
    public static final String ROLE = "circles";
    public static final String PASSWORD = "circles";

    private CirclesDatabase() {
    }

    /**
     * Creates the role and the database when they do not exist yet.
     *
     * @param superuserJdbcUrl a JDBC URL of any database on the server (e.g. {@code postgres})
     * @param superuser a role allowed to create roles and databases
     * @param superuserPassword its password, or {@code null} when the server trusts local connections
     */
    public static void provision(String superuserJdbcUrl, String superuser, String superuserPassword) {
        try (Connection connection = connect(superuserJdbcUrl, superuser, superuserPassword);
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'"
                        + " NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the database '" + DATABASE + "' at "
                    + superuserJdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the {@value #DATABASE} database on the server at the given host and port. */
    public static String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        // The driver is used directly: DriverManager does not see drivers of Quarkus' class loaders.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }
}
