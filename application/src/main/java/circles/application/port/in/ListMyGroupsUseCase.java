package circles.application.port.in;

import circles.application.port.out.MembershipRepository;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;

/** The caller's groups everywhere: direct memberships and the ancestors they make them effective members of. */
public interface ListMyGroupsUseCase {
    Page<MembershipRepository.UserGroup> myGroups(PageRequest page);
}
