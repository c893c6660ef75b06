package circles.adapter.out.persistence.sql;

import circles.domain.shared.NotFound;
import circles.domain.shared.VersionConflict;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.Session;
import org.hibernate.StaleStateException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Optimistic locking: an update names the version it was read at ({@code update ... where id = ? and version = ?})
 * and changes nothing when another transaction got there first. This turns that outcome into the domain's
 * {@link VersionConflict}, with the version the row is at now.
 */
public final class StaleWrites {
    /**
     * The version of an aggregate that was created but never saved (the domain's factories start at 0). Stored rows
     * start at {@link #FIRST_VERSION}, so saving a version-0 aggregate always inserts (a duplicate is a conflict,
     * never a silent overwrite) and saving any other version always updates the row it was read from.
     */
    public static final long NEVER_STORED = 0;
    public static final long FIRST_VERSION = 1;

    private StaleWrites() {
    }

    public static void requireVersion(String resource, long expected, long actual) {
        if (expected != actual) {
            throw new VersionConflict(resource, expected, actual);
        }
    }

    public static boolean isStale(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * The conflict after a stale update. The current version is read straight from the connection: the session
     * holds the failed update and would try it again before any query of its own.
     */
    public static RuntimeException conflict(EntityManager em, String resource, Object id, long expected,
                                     String currentVersionSql, Object... key) {
        Long actual = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(currentVersionSql)) {
                for (int i = 0; i < key.length; i++) {
                    statement.setObject(i + 1, key[i]);
                }
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getLong(1) : null;
                }
            }
        });
        return actual == null ? new NotFound(resource, id) : new VersionConflict(resource, expected, actual);
    }
}
