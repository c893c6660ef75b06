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
 * What an actor may do with one group. Platform admins, and admins of the group's org, may do everything;
 * the group's owner too; other rights come from the actor's own membership (role plus extra permissions).
 */
public final class GroupAccess {
    private final Actor actor;
    private final Group group;
    private final OrgRole orgRole;
    private final Membership membership;
    private final Set<GroupPermission> granted;

    public GroupAccess(Actor actor, Group group, OrgRole orgRole, Membership membership, Instant now) {
        this.actor = actor;
        this.group = group;
        this.orgRole = orgRole;
        this.membership = membership;
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

    public boolean mayView() {
        if (!granted.isEmpty() || (inScope() && membership != null)) {
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

    /**
     * Whether the actor may give someone this role: administrators and owners any role; admins up to admin;
     * moderators up to moderator; plain members, where the group allows member invites, only {@code member}.
     */
    public boolean mayGrant(GroupRole role) {
        if (has(GroupPermission.DELETE)) {
            return true;
        }
        if (has(GroupPermission.MANAGE_MEMBERS)) {
            GroupRole own = membership == null ? GroupRole.MEMBER : membership.role();
            return role != GroupRole.OWNER && own.atLeast(role);
        }
        return role == GroupRole.MEMBER && group.settings().allowMemberInvites() && !granted.isEmpty();
    }

    /** Whether the actor may change or remove an existing membership: never one that outranks their own. */
    public boolean mayManage(Membership target) {
        if (has(GroupPermission.DELETE)) {
            return true;
        }
        if (!has(GroupPermission.MANAGE_MEMBERS)) {
            return false;
        }
        GroupRole own = membership == null ? GroupRole.MEMBER : membership.role();
        return own.atLeast(target.role()) && target.role() != GroupRole.OWNER;
    }

    public Actor actor() {
        return actor;
    }

    public Group group() {
        return group;
    }

    public Membership membership() {
        return membership;
    }
}
