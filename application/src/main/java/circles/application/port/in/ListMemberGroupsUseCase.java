package circles.application.port.in;

import circles.application.port.out.MembershipRepository;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

/** The groups of one org member, for that org's admins or the member themselves. */
public interface ListMemberGroupsUseCase {
    Page<MembershipRepository.UserGroup> groups(OrgId orgId, UserId userId, PageRequest page);
}
