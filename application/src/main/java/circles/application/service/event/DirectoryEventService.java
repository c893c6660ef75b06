package circles.application.service.event;

import circles.application.port.in.dynamic.RecheckMemberUseCase;
import circles.application.port.in.dynamic.ReevaluateGroupsUseCase;
import circles.application.port.in.event.HandleDirectoryEventUseCase;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;

/**
 * The one place that decides what a committed directory change sets off: today, keeping dynamic groups fresh
 * (docs/adr/0012). The switch has no default, so a new event type does not compile until it is handled here. It runs
 * in the relay's transaction, so what the use cases write commits together with the event's "handled" mark.
 */
public final class DirectoryEventService implements HandleDirectoryEventUseCase {
    private final RecheckMemberUseCase recheck;
    private final ReevaluateGroupsUseCase reevaluate;

    public DirectoryEventService(RecheckMemberUseCase recheck, ReevaluateGroupsUseCase reevaluate) {
        this.recheck = recheck;
        this.reevaluate = reevaluate;
    }

    @Override
    public void handle(DirectoryEvent event) {
        switch (event) {
            case MemberChanged changed -> recheck.memberChanged(changed);
            case GroupMembershipChanged changed -> recheck.groupMembershipChanged(changed);
            case ActivityRecorded recorded -> recheck.activityRecorded(recorded);
            case MembersImported imported -> reevaluate.membersImported(imported);
            case MasterDataTreeChanged changed -> reevaluate.masterDataTreeChanged(changed);
        }
    }
}
