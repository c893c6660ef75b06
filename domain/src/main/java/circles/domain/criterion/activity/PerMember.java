package circles.domain.criterion.activity;

import circles.domain.actor.UserId;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value per member for one evaluation, read member by member while few are asked about (one explanation, one
 * event-driven check) and for the whole org at once as soon as more are: a whole-org evaluation costs a bounded
 * number of reads, not one per member.
 */
final class PerMember<V> {
    /** Single reads before the whole org is read at once. */
    static final int SINGLE_READS = 16;

    private final Function<UserId, V> one;
    private final Supplier<Map<UserId, V>> all;
    private final V absent;
    private Map<UserId, V> everyone;
    private int singles;

    PerMember(Function<UserId, V> one, Supplier<Map<UserId, V>> all, V absent) {
        this.one = one;
        this.all = all;
        this.absent = absent;
    }

    synchronized V of(UserId userId) {
        if (everyone == null && singles < SINGLE_READS) {
            singles++;
            V value = one.apply(userId);
            return value == null ? absent : value;
        }
        if (everyone == null) {
            everyone = all.get();
        }
        return everyone.getOrDefault(userId, absent);
    }
}
