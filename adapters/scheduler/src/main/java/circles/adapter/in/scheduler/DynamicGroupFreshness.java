package circles.adapter.in.scheduler;

import circles.application.port.in.dynamic.RecheckMemberUseCase;
import circles.application.port.in.dynamic.ReevaluateGroupsUseCase;
import circles.application.port.out.event.MemberEventConsumer;
import circles.domain.activity.ActivityRecorded;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupMembershipChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps dynamic groups fresh as the directory changes: each event delivered from the outbox (right after its
 * commit, or later by the redelivery job) goes to the use case that brings the groups concerned up to date. The
 * use cases write in the delivery's transaction, so their changes commit together with the event's "handled" mark,
 * and a failure leaves the event for another delivery.
 */
@ApplicationScoped
public class DynamicGroupFreshness implements MemberEventConsumer {
    private final RecheckMemberUseCase recheck;
    private final ReevaluateGroupsUseCase reevaluate;

    @Inject
    public DynamicGroupFreshness(RecheckMemberUseCase recheck, ReevaluateGroupsUseCase reevaluate) {
        this.recheck = recheck;
        this.reevaluate = reevaluate;
    }

    @Override
    public void onMemberChanged(MemberChanged event) {
        recheck.memberChanged(event);
    }

    @Override
    public void onGroupMembershipChanged(GroupMembershipChanged event) {
        recheck.groupMembershipChanged(event);
    }

    @Override
    public void onMembersImported(MembersImported event) {
        reevaluate.membersImported(event);
    }

    @Override
    public void onMasterDataTreeChanged(MasterDataTreeChanged event) {
        reevaluate.masterDataTreeChanged(event);
    }

    @Override
    public void onActivityRecorded(ActivityRecorded event) {
        recheck.activityRecorded(event);
    }
}
