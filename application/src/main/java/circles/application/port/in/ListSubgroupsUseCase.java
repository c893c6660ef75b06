package circles.application.port.in;

import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.group.GroupId;

/** The direct subgroups of a group that the caller may see. */
public interface ListSubgroupsUseCase {
    Page<GroupView> subgroups(GroupId groupId, PageRequest page);
}
