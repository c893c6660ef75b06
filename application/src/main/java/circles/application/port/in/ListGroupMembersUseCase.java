package circles.application.port.in;

import circles.application.port.out.MembershipRepository;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.group.GroupId;

/** Members of a group: direct ones, or effective ones (including members of its subgroups). */
public interface ListGroupMembersUseCase {
    enum View { DIRECT, EFFECTIVE }

    Page<MembershipRepository.EffectiveMember> list(GroupId groupId, View view, MembershipRepository.Filter filter,
                                                    PageRequest page);
}
