package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.domain.shared.Conflict;
import circles.domain.shared.RuleViolation;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.transaction.RollbackException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The failures of PostgreSQL, the pool and the transaction manager, shaped as Hibernate and Quarkus hand them on. */
class PersistenceFailuresTest {

    /** A server error as the driver builds it from the server's answer. */
    private static PSQLException server(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0"));
    }

    private static TemporarilyUnavailable unavailable(RuntimeException failure) {
        RuntimeException translated = PersistenceFailures.translate(failure);
        assertThat(translated).isInstanceOf(TemporarilyUnavailable.class).hasRootCause(rootOf(failure));
        return (TemporarilyUnavailable) translated;
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    @ParameterizedTest(name = "{0} ({2}) => retry after {1} s")
    @CsvSource({
            "08000, 2, connection_exception",
            "08001, 2, sqlclient_unable_to_establish_sqlconnection",
            "08003, 2, connection_does_not_exist",
            "08004, 2, sqlserver_rejected_establishment_of_sqlconnection",
            "08006, 2, connection_failure",
            "08P01, 2, protocol_violation",
            "57P01, 2, admin_shutdown",
            "57P02, 2, crash_shutdown",
            "57P03, 5, cannot_connect_now",
            "53300, 2, too_many_connections",
            "57014, 5, query_canceled",
            "55P03, 1, lock_not_available",
            "40001, 1, serialization_failure",
            "40P01, 1, deadlock_detected"})
    void passing_failures_become_temporarily_unavailable_with_a_retry_delay(String state, long seconds,
                                                                            String name) {
        TemporarilyUnavailable unavailable = unavailable(new GenericJDBCException("JDBC exception executing SQL",
                server(state, name)));

        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(unavailable.getMessage()).isNotBlank().doesNotContain(name);
    }

    @Test
    void a_terminated_backend_is_a_lost_connection_whichever_error_comes_first() {
        PSQLException terminated = server("57P01", "terminating connection due to administrator command");
        terminated.setNextException(new PSQLException("An I/O error occurred while sending to the backend.",
                org.postgresql.util.PSQLState.CONNECTION_FAILURE));

        assertThat(unavailable(new GenericJDBCException("select 2", terminated)).retryAfter())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(unavailable(new JDBCConnectionException("select 3", new PSQLException(
                "An I/O error occurred while sending to the backend.",
                org.postgresql.util.PSQLState.CONNECTION_FAILURE))).getMessage())
                .isEqualTo("the connection to the database was lost");
    }

    @Test
    void a_batch_whose_connection_was_closed_under_the_driver_with_assertions_on_is_a_lost_connection() {
        AssertionError driver = new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
        driver.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.postgresql.jdbc.BatchResultHandler", "isAutoCommit", null, 115)});
        assertThat(unavailable(new RuntimeException("transaction failed", driver)).retryAfter())
                .isEqualTo(Duration.ofSeconds(2));

        AssertionError ours = new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
        ours.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("circles.adapter.out.persistence.Something", "check", null, 1)});
        RuntimeException bug = new RuntimeException("transaction failed", ours);
        assertThat(PersistenceFailures.translate(bug)).isSameAs(bug);
    }

    @Test
    void statement_and_lock_timeouts_as_jpa_reports_them_are_temporary() {
        assertThat(unavailable(new QueryTimeoutException("select pg_sleep(3)", new org.hibernate.QueryTimeoutException(
                "select pg_sleep(3)", server("57014", "canceling statement due to statement timeout"), "sql")))
                .retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(unavailable(new LockTimeoutException("select pg_advisory_xact_lock(1)",
                server("55P03", "canceling statement due to lock timeout"))).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void the_transaction_timeout_is_temporary_at_the_next_statement_and_at_commit() {
        // The reaper rolled the transaction back while the work was between statements: Agroal refuses the next one.
        assertThat(unavailable(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("The transaction has rolled back"))).retryAfter())
                .isEqualTo(Duration.ofSeconds(5));
        // ... or the work returned and its commit found the transaction gone.
        assertThat(unavailable(new RuntimeException(new RollbackException(
                "ARJUNA016102: The transaction is not active! Uid is 0:ffff7f000001:86bb:6b163940:c"))).retryAfter())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void no_pooled_connection_in_time_is_temporary() {
        for (String message : new String[]{"Sorry, acquisition timeout!",
                "Acquisition timeout while waiting for new connection"}) {
            assertThat(unavailable(new GenericJDBCException("Unable to acquire JDBC Connection",
                    new SQLException(message))).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        }
        // The database refusing new connections shows behind the pool's own words.
        assertThat(unavailable(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection",
                        server("53300", "sorry, too many clients already")))).retryAfter())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_failure_found_at_commit_behind_a_rollback_keeps_its_meaning() {
        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.addSuppressed(new javax.transaction.xa.XAException("commit failed") {
            {
                initCause(new PSQLException(new ServerErrorMessage(
                        "SERROR\0C23503\0Minsert or update violates foreign key constraint\0"
                                + "ngroups_reviewer_fk\0")));
            }
        });

        assertThat(PersistenceFailures.translate(new RuntimeException(atCommit)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.errors()).extracting(error -> error.field()).containsExactly("reviewerId"));
    }

    @Test
    void failures_with_a_meaning_or_none_are_not_temporary() {
        assertThat(PersistenceFailures.translate(new PersistenceException(server("23505", "duplicate key value"))))
                .isInstanceOf(Conflict.class);
        PersistenceException undefinedTable = new PersistenceException(server("42P01", "relation does not exist"));
        assertThat(PersistenceFailures.translate(undefinedTable)).isSameAs(undefinedTable);
        IllegalStateException bug = new IllegalStateException("no database involved");
        assertThat(PersistenceFailures.translate(bug)).isSameAs(bug);
        GenericJDBCException poolClosed = new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("This pool is closed and does not handle any more connections!"));
        assertThat(PersistenceFailures.translate(poolClosed)).isSameAs(poolClosed);
    }

    @Test
    void a_failure_translated_already_passes_unchanged() {
        TemporarilyUnavailable translated = new TemporarilyUnavailable("the change raced a concurrent one",
                Duration.ofSeconds(1), null);

        assertThat(PersistenceFailures.translate(translated)).isSameAs(translated);
    }
}
