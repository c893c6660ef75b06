package circles.application.port.in.member;

import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

public interface ListOrgMembersUseCase {
    Page<OrgMember> list(OrgId orgId, OrgMemberRepository.Filter filter, PageRequest page);
}
