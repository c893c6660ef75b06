package circles.application.service.access;

import circles.application.port.out.actor.CurrentActor;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.TenantScope;
import circles.domain.access.GroupAccess;
import circles.domain.access.OrgAccess;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;

import java.time.Clock;

/**
 * Looks up what the caller may do. Resources the caller may not know about are reported as missing,
 * so that another org's groups do not leak their existence.
 */
public final class Access {
    private final CurrentActor currentActor;
    private final OrgMemberRepository orgMembers;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final TenantScope tenant;
    private final Clock clock;

    public Access(CurrentActor currentActor, OrgMemberRepository orgMembers, GroupRepository groups,
                  MembershipRepository memberships, TenantScope tenant, Clock clock) {
        this.currentActor = currentActor;
        this.tenant = tenant;
        this.orgMembers = orgMembers;
        this.groups = groups;
        this.memberships = memberships;
        this.clock = clock;
    }

    public Actor actor() {
        return currentActor.get();
    }

    /** The caller's access to an org; the transaction works in that org from here on. */
    public OrgAccess org(OrgId orgId) {
        tenant.enter(orgId);
        Actor actor = actor();
        return new OrgAccess(actor, roleIn(orgId, actor));
    }

    /**
     * The caller's active role in an org. A caller presenting an org-bound credential (a SCIM or API token) has no
     * role of its own: in the org of its credential it holds its issuer's administrative role as it is now (admin or
     * it_admin), and none elsewhere or once the issuer lost it.
     */
    private OrgRole roleIn(OrgId orgId, Actor actor) {
        if (actor.isDelegated()) {
            return actor.isBoundTo(orgId) ? issuerRole(orgId, actor.issuedBy()) : null;
        }
        return activeRole(orgId, actor.userId());
    }

    private OrgRole activeRole(OrgId orgId, UserId userId) {
        return userId == null ? null : orgMembers.find(orgId, userId)
                .filter(OrgMember::isActive)
                .map(OrgMember::role)
                .orElse(null);
    }

    /**
     * The administrative org role that a token issued by {@code issuer} acts with now: the issuer's, if they are
     * still an active admin or it_admin of the org; otherwise none, and the token stops working.
     */
    public OrgRole issuerRole(OrgId orgId, UserId issuer) {
        tenant.enter(orgId);
        OrgRole role = activeRole(orgId, issuer);
        return role != null && role.administers() ? role : null;
    }

    /** The caller's access to an org they belong to (or administer the platform of); otherwise the org is missing. */
    public OrgAccess requireOrgMember(OrgId orgId) {
        OrgAccess access = org(orgId);
        if (!access.isMember()) {
            throw new NotFound("org", orgId);
        }
        return access;
    }

    public OrgAccess requireOrgAdmin(OrgId orgId) {
        OrgAccess access = requireOrgMember(orgId);
        if (!access.administers()) {
            throw new NotAllowed("only admins of org " + orgId + " may do this");
        }
        return access;
    }

    /** The caller's access to a group; the transaction works in the group's org from here on. */
    public GroupAccess group(Group group) {
        tenant.enter(group.orgIdOrNull());
        Actor actor = actor();
        OrgRole orgRole = group.orgId().map(orgId -> roleIn(orgId, actor)).orElse(null);
        var membership = memberships.find(group.id(), actor.userId()).orElse(null);
        return new GroupAccess(actor, group, orgRole, membership, clock.instant());
    }

    /** The group, if the caller may see it; otherwise it is missing. */
    public GroupAccess requireVisible(GroupId groupId) {
        Group group = groups.findById(groupId).orElseThrow(() -> new NotFound("group", groupId));
        GroupAccess access = group(group);
        if (!access.mayView()) {
            throw new NotFound("group", groupId);
        }
        return access;
    }

    /**
     * The group, if the caller may see it or holds a membership of it in any status: a pending or suspended member
     * sees nothing of a private group but may still leave it.
     */
    public GroupAccess requireVisibleOrOwnMembership(GroupId groupId) {
        Group group = groups.findById(groupId).orElseThrow(() -> new NotFound("group", groupId));
        GroupAccess access = group(group);
        if (!access.mayView() && access.membership() == null) {
            throw new NotFound("group", groupId);
        }
        return access;
    }

    public GroupAccess requireSettingsRight(GroupId groupId) {
        GroupAccess access = requireVisible(groupId);
        if (!access.mayManageSettings()) {
            throw new NotAllowed("you may not change the settings of group " + groupId);
        }
        return access;
    }
}
