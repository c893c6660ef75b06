package circles.application.port.in.dynamic;

import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MemberChanged;

/**
 * Event-driven freshness for one member: after a change of the member, their computed memberships follow
 * at once, re-checked in memory against the org's dynamic groups whose rules are absolute (relative criteria wait for
 * the schedule). Safe to repeat: a second delivery of the same event finds nothing left to change.
 */
public interface RecheckMemberUseCase {
    /**
     * The member's profile, role or status changed, or they arrived or left: re-checks them in every such group; a
     * new manager (or a new email, by which rules may name them) also re-checks everyone below them in the groups
     * that read reporting lines.
     */
    void memberChanged(MemberChanged event);

    /** The member's static membership changed: re-checks them in the groups whose rules read that group. */
    void groupMembershipChanged(GroupMembershipChanged event);

    /**
     * Activity of these members was stored (recency criteria are absolute): re-checks each of them in the
     * groups with absolute rules that read activity or {@code lastLoginAt}, and in the groups that read those.
     * Groups with relative rules (activity scores) are left to their schedule.
     */
    void activityRecorded(ActivityRecorded event);
}
