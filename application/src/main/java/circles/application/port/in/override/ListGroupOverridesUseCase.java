package circles.application.port.in.override;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;

/**
 * The include and exclude lists of a dynamic group, oldest entry first. The entries name people and why they are
 * treated apart, so only those who manage the group's settings read them.
 */
public interface ListGroupOverridesUseCase {
    /** {@code kind} null lists both lists. */
    Page<OverrideEntry> listOverrides(GroupId groupId, OverrideKind kind, PageRequest page);
}
