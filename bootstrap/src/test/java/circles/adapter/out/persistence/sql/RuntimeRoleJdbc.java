package circles.adapter.out.persistence.sql;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Plain JDBC as the application's own database role, for the row-level security tests: no Hibernate, no
 * tenant scope, only what the role and the transaction-local settings allow.
 */
public final class RuntimeRoleJdbc {
    private RuntimeRoleJdbc() {
    }

    public static Connection connectAsApplication() throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        properties.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        Connection connection = new org.postgresql.Driver()
                .connect(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
        if (connection == null) {
            throw new SQLException("the application's JDBC URL is not a PostgreSQL URL");
        }
        return connection;
    }

    /** Sets a transaction-local setting such as {@code circles.org_id}. */
    public static void set(Connection connection, String setting, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config(?, ?, true)")) {
            statement.setString(1, setting);
            statement.setString(2, value);
            statement.executeQuery().close();
        }
    }

    public static long count(Connection connection, String table, String condition) throws SQLException {
        try (ResultSet rows = connection.createStatement()
                .executeQuery("select count(*) from " + table + " where " + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
