package circles.application.port.in.group;

import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;

/** Lists the groups the caller may see, filtered and sorted. */
public interface ListGroupsUseCase {
    Page<GroupView> list(Query query, PageRequest page);

    record Query(OrgId orgId, GroupType type, GroupKind kind, GroupId parentId, Visibility visibility,
                 GroupStatus status, String text, GroupRepository.MembershipFilter membership,
                 GroupRepository.Sort sort) {
        public Query {
            sort = sort == null ? GroupRepository.Sort.NAME : sort;
            text = text == null || text.isBlank() ? null : text.strip();
        }
    }
}
