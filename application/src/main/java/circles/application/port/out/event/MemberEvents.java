package circles.application.port.out.event;

import circles.domain.activity.ActivityRecorded;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupMembershipChanged;

/**
 * Publishes directory changes durably: the event is stored in the current transaction (an outbox) and
 * delivered to its consumers after commit, and again after a crash until a consumer has handled it.
 */
public interface MemberEvents {
    void memberChanged(MemberChanged event);

    void membersImported(MembersImported event);

    /** A master-data tree changed its shape (see {@link MasterDataTreeChanged}); an org-wide event. */
    void masterDataTreeChanged(MasterDataTreeChanged event);

    /** A member's static membership of an org group changed; queued with the member's other events. */
    void groupMembershipChanged(GroupMembershipChanged event);

    /** An ingestion stored activity of these members; an org-wide event (one per call, however many members). */
    void activityRecorded(ActivityRecorded event);
}
