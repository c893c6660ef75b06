package circles.application.port.in.dynamic;

import circles.domain.group.GroupId;

import java.util.List;

/**
 * Evaluates the dynamic groups whose scheduled refresh ({@code refreshIntervalMinutes}) is due, across orgs. Safe to
 * run on several instances at once: each due group is claimed by one of them, and evaluated in a transaction of its
 * own, so a failing group holds back no other.
 */
public interface RunScheduledRefreshesUseCase {

    /** The groups this run evaluated, and those whose evaluation failed (now marked failed). */
    record Report(List<GroupId> evaluated, List<GroupId> failed) {
        public Report {
            evaluated = List.copyOf(evaluated);
            failed = List.copyOf(failed);
        }

        public boolean isEmpty() {
            return evaluated.isEmpty() && failed.isEmpty();
        }
    }

    Report runDue();
}
