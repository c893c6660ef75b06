package circles.adapter.in.rest.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The last resort for a database failure that passes by itself but escaped the persistence adapter's translation
 * (which turns these into {@code TemporarilyUnavailable}): such a failure must not answer 500 either. Recognised by
 * the JDK's transient exception types and PostgreSQL's SQL states for a lost connection, a timeout, a lock not
 * granted in time, too many connections, a serialization failure and a deadlock.
 */
final class UntranslatedDatabaseFailures {
    private static final Set<String> PASSING_STATES = Set.of("57P01", "57P02", "57P03", "57014", "55P03", "53300",
            "40001", "40P01");

    private UntranslatedDatabaseFailures() {
    }

    static boolean passing(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable next = pending.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SQLTransientException || next instanceof SQLRecoverableException) {
                return true;
            }
            if (next instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || PASSING_STATES.contains(state))) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.addLast(sql.getNextException());
                }
            }
            if (next.getCause() != null) {
                pending.addLast(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return false;
    }
}
