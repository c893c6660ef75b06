package circles.application.port.in.membership;

import circles.application.port.out.membership.MembershipRepository;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;

/**
 * One member of a group: the direct membership of a static group, or the computed membership of a dynamic group (an
 * active plain member by the rule or an include override).
 */
public interface GetGroupMemberUseCase {
    MembershipRepository.EffectiveMember get(GroupId groupId, UserId userId);
}
