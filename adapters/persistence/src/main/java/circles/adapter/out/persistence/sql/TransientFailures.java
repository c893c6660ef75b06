package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.TemporarilyUnavailable;
import jakarta.transaction.RollbackException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Database failures that pass by themselves, so that the same request succeeds when sent again a little later: they
 * become {@link TemporarilyUnavailable} with a suggested delay, and never reach the caller as an unexplained error.
 * Recognised by their SQL state where PostgreSQL gives one, otherwise by what the connection pool (Agroal) and the
 * transaction manager (Narayana) say, since they give none.
 */
final class TransientFailures {
    /** A kind of passing failure, with what the caller is told and how long it should wait. */
    enum Kind {
        CONNECTION_LOST("the connection to the database was lost", Duration.ofSeconds(2)),
        DATABASE_STARTING("the database does not accept connections yet", Duration.ofSeconds(5)),
        NO_CONNECTION_FREE("no database connection was free in time", Duration.ofSeconds(2)),
        TIMED_OUT("the database work took longer than allowed", Duration.ofSeconds(5)),
        LOCK_NOT_GRANTED("a lock held by concurrent work was not granted in time", Duration.ofSeconds(1)),
        RACED("the change raced a concurrent one", Duration.ofSeconds(1));

        final String reason;
        final Duration retryAfter;

        Kind(String reason, Duration retryAfter) {
            this.reason = reason;
            this.retryAfter = retryAfter;
        }
    }

    /** Agroal's words when no connection became free within the acquisition timeout (it gives no SQL state). */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";
    /**
     * Agroal's words for a statement in a transaction the transaction manager has rolled back behind the work's back:
     * only the transaction reaper does that, when the transaction timeout fires.
     */
    private static final String ROLLED_BACK_BEHIND = "The transaction has rolled back";
    /** Narayana's "The transaction is not active!" on commit: the reaper rolled it back when it timed out. */
    private static final String INACTIVE_AT_COMMIT = "ARJUNA016102";

    /** The driver's words when its auto-commit check failed on a closed connection (see closedUnderTheDriver). */
    private static final String DRIVER_AUTO_COMMIT_ASSERTION = "getAutoCommit() should not throw";

    private TransientFailures() {
    }

    /** The temporary unavailability {@code failure} stands for, if it is one. */
    static Optional<TemporarilyUnavailable> of(Throwable failure) {
        return kindOf(failure).map(kind -> new TemporarilyUnavailable(kind.reason, kind.retryAfter, failure));
    }

    /** The kind of passing failure somewhere behind {@code failure}: in its causes, suppressed or chained ones. */
    static Optional<Kind> kindOf(Throwable failure) {
        return FailureCauses.first(failure, TransientFailures::kindOfOne);
    }

    private static Optional<Kind> kindOfOne(Throwable failure) {
        if (failure instanceof SQLException sql) {
            if (sql.getSQLState() != null) {
                return kindOfState(sql.getSQLState());
            }
            String message = String.valueOf(sql.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains(ACQUISITION_TIMEOUT)) {
                return Optional.of(Kind.NO_CONNECTION_FREE);
            }
            if (message.startsWith(ROLLED_BACK_BEHIND)) {
                return Optional.of(Kind.TIMED_OUT);
            }
        }
        if (failure instanceof AssertionError && closedUnderTheDriver(failure)) {
            return Optional.of(Kind.CONNECTION_LOST);
        }
        if (failure instanceof RollbackException && String.valueOf(failure.getMessage()).contains(INACTIVE_AT_COMMIT)) {
            return Optional.of(Kind.TIMED_OUT);
        }
        return Optional.empty();
    }

    /**
     * The PostgreSQL driver asserts that asking a connection for its auto-commit mode does not throw; it does throw
     * once the connection is closed, so with assertions enabled a batch whose session was ended shows as this
     * assertion instead of the driver's "connection has been closed".
     */
    private static boolean closedUnderTheDriver(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith("org.postgresql.")
                && String.valueOf(failure.getMessage()).contains(DRIVER_AUTO_COMMIT_ASSERTION);
    }

    /** PostgreSQL's error codes (appendix A of its manual) of the failures that pass. */
    static Optional<Kind> kindOfState(String state) {
        if (state.startsWith("08")) {
            // connection_exception and its subclasses: the connection broke, or none could be opened.
            return Optional.of(Kind.CONNECTION_LOST);
        }
        return Optional.ofNullable(switch (state) {
            // admin_shutdown (also pg_terminate_backend), crash_shutdown
            case "57P01", "57P02" -> Kind.CONNECTION_LOST;
            // cannot_connect_now: the server is starting up or recovering
            case "57P03" -> Kind.DATABASE_STARTING;
            // too_many_connections
            case "53300" -> Kind.NO_CONNECTION_FREE;
            // query_canceled: statement_timeout, or the transaction timeout cancelling the running statement
            case "57014" -> Kind.TIMED_OUT;
            // lock_not_available: lock_timeout, or NOWAIT
            case "55P03" -> Kind.LOCK_NOT_GRANTED;
            // serialization_failure, deadlock_detected
            case "40001", "40P01" -> Kind.RACED;
            default -> null;
        });
    }
}
