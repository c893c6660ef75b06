package circles.application.port.in.group;

import circles.application.port.in.dynamic.EvaluationView;
import circles.domain.group.Group;

import java.util.Map;

/**
 * A group as readers see it: the group and its number of active (effective) members; for a dynamic group also
 * its rule, schedule and evaluation state ({@code dynamic} is null for static groups).
 */
public record GroupView(Group group, long memberCount, Dynamic dynamic) {

    public GroupView(Group group, long memberCount) {
        this(group, memberCount, null);
    }

    /** The definition and evaluation state of a dynamic group: its canonical rule and refresh schedule. */
    public record Dynamic(Map<String, Object> rule, int refreshIntervalMinutes, EvaluationView evaluation) {
    }
}
