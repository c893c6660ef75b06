package circles.domain.criterion;

import circles.domain.group.GroupId;

import java.util.Map;
import java.util.Set;

/**
 * One configured leaf of a rule, made by its {@link CriterionType}: it knows its canonical configuration and how
 * to judge one member in memory. Implementations are immutable values (equal configurations are equal).
 */
public interface Criterion {
    /** The key of the type that made it, e.g. {@code attribute}. */
    String type();

    /** The canonical configuration, without the {@code criterion} key, as plain Java values in a stable order. */
    Map<String, Object> config();

    /** Judges one member; the caller has already checked that the member is active. */
    Outcome matches(Candidate member, EvaluationContext context);

    /**
     * Whether the answer depends on the member's own data only (profile, reporting line, master data, other
     * groups) and not on how the member compares with others; absolute criteria are re-checked per member when
     * a member changes, relative ones (scores) wait for the schedule.
     */
    default boolean absolute() {
        return true;
    }

    /** Groups this criterion reads (for {@code member_of}), so that compositions can be checked and ordered. */
    default Set<GroupId> referencedGroups() {
        return Set.of();
    }
}
