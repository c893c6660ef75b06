package circles.application.port.in.membership;

import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.GroupId;

/** Members of a group: direct ones, or effective ones (including members of its subgroups). */
public interface ListGroupMembersUseCase {
    enum View { DIRECT, EFFECTIVE }

    Page<MembershipRepository.EffectiveMember> list(GroupId groupId, View view, MembershipRepository.Filter filter,
                                                    PageRequest page);
}
