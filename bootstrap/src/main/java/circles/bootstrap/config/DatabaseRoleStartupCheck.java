package circles.bootstrap.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.LaunchMode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

/**
 * Stops a production start when the database role is a superuser or has {@code BYPASSRLS}
 * ({@link DatabaseRoleCheck}). It runs as Flyway is set up at start-up, so that such a role neither migrates the
 * schema (its tables would be owned by the wrong role) nor serves a request. Dev mode and tests connect as they
 * are configured to and are not checked; they provision a plain role of their own.
 */
@Singleton
public class DatabaseRoleStartupCheck implements FlywayConfigurationCustomizer {
    private static final Logger LOG = Logger.getLogger(DatabaseRoleStartupCheck.class);

    @Inject
    DataSource dataSource;

    @Override
    public void customize(FluentConfiguration configuration) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            DatabaseRoleCheck.refuseUnsafeRole(connection);
        } catch (DatabaseRoleCheck.UnsafeDatabaseRole refused) {
            // Logged on its own line as well: the start-up failure wraps it in bean creation errors.
            LOG.error(refused.getMessage());
            throw refused;
        } catch (SQLException e) {
            throw new IllegalStateException("Circles cannot start: could not look up the database role's rights", e);
        }
    }
}
