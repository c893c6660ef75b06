package circles.application.port.in.membership;

import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;

/** The caller's groups everywhere: direct memberships and the ancestors they make them effective members of. */
public interface ListMyGroupsUseCase {
    Page<MembershipRepository.UserGroup> myGroups(PageRequest page);
}
