package circles.application.port.in.membership;

import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.group.GroupId;

import java.time.Instant;

/**
 * Who was a member of a dynamic group at a past time, as its membership history tells: each as an active plain member
 * since their last addition up to then. Static groups keep no such history.
 */
public interface ListGroupMembersAtUseCase {
    Page<MembershipRepository.EffectiveMember> membersAt(GroupId groupId, Instant at,
                                                         MembershipRepository.Filter filter, PageRequest page);
}
