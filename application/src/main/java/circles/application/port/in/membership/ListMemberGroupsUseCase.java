package circles.application.port.in.membership;

import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/** The groups of one org member, for that org's admins or the member themselves. */
public interface ListMemberGroupsUseCase {
    Page<MembershipRepository.UserGroup> groups(OrgId orgId, UserId userId, PageRequest page);
}
