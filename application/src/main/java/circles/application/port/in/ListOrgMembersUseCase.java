package circles.application.port.in;

import circles.application.port.out.OrgMemberRepository;
import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

public interface ListOrgMembersUseCase {
    Page<OrgMember> list(OrgId orgId, OrgMemberRepository.Filter filter, PageRequest page);
}
