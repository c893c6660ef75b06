package circles.adapter.out.persistence.sql;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks what lies behind a failure: its causes, their suppressed exceptions (a failure at commit reaches us as a
 * rollback exception whose XA failure, carrying the SQL one, is suppressed) and chained SQL exceptions, breadth
 * first, each once.
 */
final class FailureCauses {
    private FailureCauses() {
    }

    /** The first answer {@code look} gives for {@code failure} or anything behind it. */
    static <T> Optional<T> first(Throwable failure, Function<Throwable, Optional<T>> look) {
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable next = pending.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            Optional<T> found = look.apply(next);
            if (found.isPresent()) {
                return found;
            }
            if (next.getCause() != null) {
                pending.addLast(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                pending.addLast(sql.getNextException());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return Optional.empty();
    }
}
