package circles.domain.access;

import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an actor may do with one group. Platform admins, and admins and it_admins of the group's org, may do
 * everything; the group's owner too; other rights come from the actor's own membership (role plus extra
 * permissions), and only while it is active and inside its validity window: a pending, suspended or expired
 * membership gives no right and no sight of a private group. Who may hand out which membership is
 * {@link MembershipGrantPolicy}; who may reshape the group tree is {@link GroupStructurePolicy}.
 */
public final class GroupAccess {
    private final Actor actor;
    private final Group group;
    private final OrgRole orgRole;
    private final Membership membership;
    private final Set<GroupPermission> granted;
    private final Instant now;

    public GroupAccess(Actor actor, Group group, OrgRole orgRole, Membership membership, Instant now) {
        this.actor = actor;
        this.group = group;
        this.orgRole = orgRole;
        this.membership = membership;
        this.now = now;
        this.granted = grant(now);
    }

    private Set<GroupPermission> grant(Instant now) {
        if (isAdministrator() || (inScope() && actor.userId().equals(group.ownerId()))) {
            return EnumSet.allOf(GroupPermission.class);
        }
        if (!inScope() || membership == null) {
            return Set.of();
        }
        return membership.grantsAt(now);
    }

    /** Platform admin or admin / it_admin of the group's org. */
    public boolean isAdministrator() {
        return actor.isPlatformAdmin() || (orgRole != null && orgRole.administers());
    }

    /** Standalone groups are open to every signed-in user; org groups exist only for members of their org. */
    private boolean inScope() {
        return group.isStandalone() || orgRole != null;
    }

    /**
     * Whether the group's owner is acting: the user named its {@code ownerId} (while an active member of its org)
     * or an active owner member.
     */
    public boolean isOwner() {
        return inScope() && (actor.userId().equals(group.ownerId())
                || (activeMembership() != null && activeMembership().role() == GroupRole.OWNER));
    }

    /**
     * The actor's own membership if it gives rights now: active, inside its validity window, and (for an org group)
     * held by an active member of the org. Pending, suspended, expired memberships give none.
     */
    public Membership activeMembership() {
        return inScope() && membership != null && membership.isEffectiveAt(now) ? membership : null;
    }

    /** Every right the actor holds on the group now. */
    public Set<GroupPermission> permissions() {
        return granted;
    }

    /** A pending or suspended membership shows the group no more than it shows to any other org member. */
    public boolean mayView() {
        if (!granted.isEmpty()) {
            return true;
        }
        if (!inScope()) {
            return false;
        }
        return switch (group.visibility()) {
            case PUBLIC -> true;
            case ORGANIZATION -> !group.isStandalone();
            case PRIVATE -> false;
        };
    }

    public boolean mayJoin() {
        return mayView() && group.visibility() == Visibility.PUBLIC && group.kind() == GroupKind.STATIC;
    }

    public boolean has(GroupPermission permission) {
        return granted.contains(permission);
    }

    public boolean mayManageSettings() {
        return has(GroupPermission.MANAGE_SETTINGS);
    }

    public boolean mayDelete() {
        return has(GroupPermission.DELETE);
    }

    public boolean mayManageMembers() {
        return has(GroupPermission.MANAGE_MEMBERS);
    }

    /** Whether the actor may give someone this role (see {@link MembershipGrantPolicy}). */
    public boolean mayGrant(GroupRole role) {
        return new MembershipGrantPolicy(this).mayHandOut(role).isAllowed();
    }

    /** Whether the actor may remove an existing membership (see {@link MembershipGrantPolicy}). */
    public boolean mayManage(Membership target) {
        return new MembershipGrantPolicy(this).mayRemove(target).isAllowed();
    }

    /** Who may give, change and take away memberships of this group, as this actor. */
    public MembershipGrantPolicy grants() {
        return new MembershipGrantPolicy(this);
    }

    public Actor actor() {
        return actor;
    }

    public Group group() {
        return group;
    }

    /** The actor's own membership of the group, whatever its status (null if none). */
    public Membership membership() {
        return membership;
    }

    public Instant now() {
        return now;
    }
}
