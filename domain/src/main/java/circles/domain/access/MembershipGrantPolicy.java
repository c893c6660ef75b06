package circles.domain.access;

import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may give, change and take away a membership of a group, so that nobody climbs the group's role ladder
 * ({@code owner > admin > moderator > member}) or hands out a right they do not hold.
 * <ul>
 *     <li>Owners (an owner member or the group's {@code ownerId}), org admins, it_admins and platform admins grant
 *     any role and any extra permission, and change or remove anyone.</li>
 *     <li>Admins grant roles up to {@code admin} and only extra permissions they hold themselves; they change or
 *     remove moderators and members, never another admin or an owner.</li>
 *     <li>Moderators (and members holding {@code manage_members}) add, approve and remove plain members: role
 *     {@code member}, no extra permissions.</li>
 *     <li>A member of a group that allows member invites adds plain members, nothing more.</li>
 *     <li>Nobody changes their own role, permissions, status or validity dates, except owners (who may step
 *     down), org admins and platform admins; anyone may leave.</li>
 * </ul>
 * Only a membership that is active now counts: a pending, suspended or expired membership grants nothing.
 */
public final class MembershipGrantPolicy {

    /** How far the acting user reaches in the group, from the most to the least. */
    public enum Reach { FULL, ADMIN, MODERATOR, INVITER, NONE }

    /**
     * A requested change of an existing membership; a null field is left as it is. {@code validity} says whether
     * the validity dates change.
     */
    public record Change(GroupRole role, MembershipStatus status, boolean validity, Set<GroupPermission> permissions) {
        boolean touchesTerms() {
            return role != null || status != null || validity || permissions != null;
        }
    }

    private final GroupAccess access;
    private final Reach reach;

    public MembershipGrantPolicy(GroupAccess access) {
        this.access = access;
        this.reach = reachOf(access);
    }

    private static Reach reachOf(GroupAccess access) {
        if (access.isAdministrator() || access.isOwner()) {
            return Reach.FULL;
        }
        Membership own = access.activeMembership();
        if (own == null) {
            return Reach.NONE;
        }
        if (own.role() == GroupRole.ADMIN) {
            return Reach.ADMIN;
        }
        if (access.has(GroupPermission.MANAGE_MEMBERS)) {
            return Reach.MODERATOR;
        }
        return access.group().settings().allowMemberInvites() ? Reach.INVITER : Reach.NONE;
    }

    public Reach reach() {
        return reach;
    }

    /** Whether the actor may add members at all (to any role). */
    public Decision mayAddMembers() {
        return reach == Reach.NONE
                ? Decision.forbidden("you may not add members to group " + access.group().id())
                : Decision.allowed();
    }

    /** Whether the actor may add a new member with this role and these extra permissions. */
    public Decision mayAdd(GroupRole role, Set<GroupPermission> permissions) {
        Decision any = mayAddMembers();
        if (!any.isAllowed()) {
            return any;
        }
        Decision roleDecision = mayHandOut(role);
        return roleDecision.isAllowed() ? mayHandOut(permissions) : roleDecision;
    }

    /** Whether the actor may give someone this role (ignoring whom). */
    public Decision mayHandOut(GroupRole role) {
        boolean within = switch (reach) {
            case FULL -> true;
            case ADMIN -> role != GroupRole.OWNER;
            case MODERATOR, INVITER -> role == GroupRole.MEMBER;
            case NONE -> false;
        };
        return within ? Decision.allowed()
                : Decision.beyondReach("role", "you may not grant the role " + lower(role));
    }

    /** Extra permissions are handed out by owners, admins and org admins, and only those the granter holds. */
    public Decision mayHandOut(Set<GroupPermission> permissions) {
        if (permissions == null || permissions.isEmpty() || reach == Reach.FULL) {
            return Decision.allowed();
        }
        if (reach != Reach.ADMIN) {
            return Decision.beyondReach("permissions", "only owners, admins and org admins grant extra permissions");
        }
        Set<GroupPermission> missing = EnumSet.copyOf(permissions);
        missing.removeAll(access.permissions());
        return missing.isEmpty() ? Decision.allowed() : Decision.beyondReach("permissions",
                "you may not grant permissions you do not hold: " + missing.stream().map(MembershipGrantPolicy::lower)
                        .sorted().toList());
    }

    /** Whether the actor may change this membership as asked. */
    public Decision mayChange(Membership target, Change change) {
        if (!change.touchesTerms()) {
            return Decision.allowed();
        }
        if (isSelf(target)) {
            return reach == Reach.FULL ? Decision.allowed() : Decision.forbidden("nobody changes their own role,"
                    + " permissions, status or validity dates except owners and org admins; you may leave");
        }
        Decision reachable = mayTouch(target);
        if (!reachable.isAllowed()) {
            return reachable;
        }
        if (change.role() != null && change.role() != target.role()) {
            Decision role = mayHandOut(change.role());
            if (!role.isAllowed()) {
                return role;
            }
        }
        if (change.permissions() != null) {
            Set<GroupPermission> added = EnumSet.noneOf(GroupPermission.class);
            added.addAll(change.permissions());
            added.removeAll(target.permissions());
            Decision permissions = mayHandOut(added);
            if (!permissions.isAllowed()) {
                return permissions;
            }
        }
        return Decision.allowed();
    }

    /** Whether the actor may remove this membership; removing oneself is leaving, which anyone may do. */
    public Decision mayRemove(Membership target) {
        return isSelf(target) ? Decision.allowed() : mayTouch(target);
    }

    /** Peers do not demote or remove each other: an admin reaches moderators and members, a moderator plain members. */
    private Decision mayTouch(Membership target) {
        boolean reachable = switch (reach) {
            case FULL -> true;
            case ADMIN -> !target.role().atLeast(GroupRole.ADMIN);
            case MODERATOR -> target.role() == GroupRole.MEMBER && target.permissions().isEmpty();
            case INVITER, NONE -> false;
        };
        return reachable ? Decision.allowed()
                : Decision.forbidden("you may not change or remove the " + lower(target.role()) + " membership of "
                + target.userId() + " in group " + access.group().id());
    }

    private boolean isSelf(Membership target) {
        return target.userId().equals(access.actor().userId());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
