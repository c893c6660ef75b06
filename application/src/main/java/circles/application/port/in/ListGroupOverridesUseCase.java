package circles.application.port.in;

import circles.application.port.out.OverrideRepository.Kind;
import circles.application.port.out.OverrideRepository.OverrideEntry;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.group.GroupId;

/**
 * The include and exclude lists of a dynamic group, oldest entry first. The entries name people and why they are
 * treated apart, so only those who manage the group's settings read them.
 */
public interface ListGroupOverridesUseCase {
    /** {@code kind} null lists both lists. */
    Page<OverrideEntry> listOverrides(GroupId groupId, Kind kind, PageRequest page);
}
