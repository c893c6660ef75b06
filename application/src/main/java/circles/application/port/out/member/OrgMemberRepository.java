package circles.application.port.out.member;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;

import java.util.List;
import java.util.Optional;

public interface OrgMemberRepository {
    OrgMember save(OrgMember member);

    Optional<OrgMember> find(OrgId orgId, UserId userId);

    /** The members among {@code userIds} (any status), in no particular order; one look-up for a whole page. */
    default List<OrgMember> findAll(OrgId orgId, List<UserId> userIds) {
        return userIds.stream().map(userId -> find(orgId, userId)).flatMap(Optional::stream).toList();
    }

    void delete(OrgId orgId, UserId userId);

    record Filter(OrgRole role, MemberStatus status, String query) {
    }

    Page<OrgMember> list(OrgId orgId, Filter filter, PageRequest page);

    /** Which of these users are members of the org (any status). */
    List<UserId> existing(OrgId orgId, List<UserId> userIds);

    /** The orgs a user belongs to, with their role: a cross-org read for the user's own view. */
    List<Membership> membershipsOf(UserId userId);

    record Membership(OrgId orgId, String orgName, String orgSlug, OrgRole role, MemberStatus status) {
    }
}
