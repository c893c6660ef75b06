package circles.application.port.in.group;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.GroupId;

/** The direct subgroups of a group that the caller may see. */
public interface ListSubgroupsUseCase {
    Page<GroupView> subgroups(GroupId groupId, PageRequest page);
}
