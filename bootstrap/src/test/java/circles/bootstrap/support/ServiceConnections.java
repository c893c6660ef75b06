package circles.bootstrap.support;

import io.agroal.api.AgroalDataSource;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * The service's own database sessions, seen and ended from an administrative connection: what a database restart,
 * a failover or an operator's {@code pg_terminate_backend} does to a running service.
 */
public final class ServiceConnections {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private ServiceConnections() {
    }

    /** The database role the service connects as. */
    public static String role() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    }

    /**
     * Ends every session of the service and waits until they are gone (the service must not open new ones meanwhile);
     * the pool still holds their connections. Returns how many were ended.
     */
    public static int terminate() {
        try (Connection admin = PostgresTestResource.superuserConnection()) {
            int ended = terminate(admin);
            await(admin, "select count(*) from pg_stat_activity where usename = ? and datname = current_database()"
                    + " and pid <> pg_backend_pid()", remaining -> remaining == 0);
            return ended;
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the service's sessions", e);
        }
    }

    /** Ends every session of the service, busy or idle, without waiting. Returns how many were ended. */
    public static int terminateNow() {
        try (Connection admin = PostgresTestResource.superuserConnection()) {
            return terminate(admin);
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the service's sessions", e);
        }
    }

    private static int terminate(Connection admin) throws SQLException {
        return count(admin, "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity"
                + " where usename = ? and datname = current_database() and pid <> pg_backend_pid()) ended");
    }

    /**
     * Waits until at least {@code sessions} sessions of the service wait for a lock. On a connection of its own: a
     * transaction sees the activity of the others as it was when it first looked.
     */
    public static void awaitWaitingForLocks(int sessions) {
        try (Connection admin = PostgresTestResource.superuserConnection()) {
            await(admin, "select count(*) from pg_stat_activity where usename = ? and datname = current_database()"
                    + " and wait_event_type = 'Lock'", waiting -> waiting >= sessions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not see the service's sessions", e);
        }
    }

    /** Lets the pool replace the connections whose sessions were ended, so that later tests start clean. */
    public static void renew(AgroalDataSource pool) {
        pool.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    private static void await(Connection admin, String sql, LongPredicate done) throws SQLException {
        Instant deadline = Instant.now().plus(PATIENCE);
        long last;
        while (!done.test(last = count(admin, sql))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still " + last + " after " + PATIENCE + ": " + sql);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static int count(Connection admin, String sql) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(sql)) {
            statement.setString(1, role());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
