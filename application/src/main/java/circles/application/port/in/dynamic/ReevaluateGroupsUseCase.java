package circles.application.port.in.dynamic;

import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MembersImported;

/**
 * Event-driven freshness for changes that concern many members at once: the dynamic groups concerned are evaluated
 * again over the whole org (set-based), then the groups that read them through {@code member_of}.
 */
public interface ReevaluateGroupsUseCase {
    /** A bulk import changed many members: every dynamic group of the org whose rule is absolute. */
    void membersImported(MembersImported event);

    /** A department or location tree changed its shape: the groups whose rules test positions in that tree. */
    void masterDataTreeChanged(MasterDataTreeChanged event);
}
