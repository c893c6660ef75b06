package circles.application.port.out.event;

import circles.domain.activity.ActivityRecorded;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupMembershipChanged;

/**
 * Reacts to directory changes delivered from the outbox. Delivery is at least once: a consumer must be
 * idempotent (the event id is stable across redeliveries).
 */
public interface MemberEventConsumer {
    void onMemberChanged(MemberChanged event);

    default void onMembersImported(MembersImported event) {
    }

    default void onMasterDataTreeChanged(MasterDataTreeChanged event) {
    }

    default void onGroupMembershipChanged(GroupMembershipChanged event) {
    }

    default void onActivityRecorded(ActivityRecorded event) {
    }
}
