package circles.application.permissions;

import circles.application.permissions.PermissionCall.Caller;
import circles.application.permissions.PermissionCall.Validity;
import circles.application.permissions.PermissionModel.Group;
import circles.application.permissions.PermissionModel.Member;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static circles.domain.group.GroupPermission.DELETE;
import static circles.domain.group.GroupPermission.LEAVE;
import static circles.domain.group.GroupPermission.MANAGE_MEMBERS;
import static circles.domain.group.GroupPermission.MANAGE_SETTINGS;
import static circles.domain.group.GroupPermission.SEND_NOTIFICATIONS;
import static circles.domain.group.GroupPermission.VIEW;

/**
 * "May this caller do this?", written from the org's permission rules and nothing else (it does not call the
 * production policies). Each method states one rule; {@link #decide} applies them in the order a caller meets
 * them: first whether they may know of the resource (404), then whether they hold the right (403), then whether
 * what they ask for is within their reach (422).
 */
public final class PermissionRules {
    /** The rights each group role bundles. */
    static final Map<GroupRole, Set<GroupPermission>> ROLE_RIGHTS = Map.of(
            GroupRole.OWNER, EnumSet.allOf(GroupPermission.class),
            GroupRole.ADMIN, EnumSet.of(VIEW, LEAVE, MANAGE_MEMBERS, MANAGE_SETTINGS, SEND_NOTIFICATIONS),
            GroupRole.MODERATOR, EnumSet.of(VIEW, LEAVE, MANAGE_MEMBERS, SEND_NOTIFICATIONS),
            GroupRole.MEMBER, EnumSet.of(VIEW, LEAVE));

    /** Groups nest at most this deep. */
    static final int MAX_DEPTH = 10;

    /** How far a caller reaches when handing out and taking away memberships of one group. */
    enum Reach { FULL, ADMIN, MODERATOR, INVITER, NONE }

    private final PermissionModel model;

    public PermissionRules(PermissionModel model) {
        this.model = model;
    }

    // ---- who the caller is in the org -------------------------------------------------------------------------

    boolean isPlatformAdmin(Caller caller) {
        return caller instanceof Caller.Person person && person.userId().equals(PermissionModel.PLATFORM_ADMIN);
    }

    /**
     * The caller's org role now: a person's while their org membership is active; a SCIM token's is its issuer's,
     * and only while the issuer is still an active admin or it_admin.
     */
    OrgRole orgRole(Caller caller) {
        return switch (caller) {
            case Caller.Person person -> model.activeOrgRole(person.userId());
            case Caller.ScimToken token -> {
                OrgRole issuer = model.activeOrgRole(token.issuer());
                yield issuer == OrgRole.ADMIN || issuer == OrgRole.IT_ADMIN ? issuer : null;
            }
        };
    }

    /** Outside the org (or deactivated in it) the org and its groups do not exist. */
    boolean inOrg(Caller caller) {
        return isPlatformAdmin(caller) || orgRole(caller) != null;
    }

    /** Platform admins, org admins and it_admins hold every group right in the org. */
    boolean administers(Caller caller) {
        OrgRole role = orgRole(caller);
        return isPlatformAdmin(caller) || role == OrgRole.ADMIN || role == OrgRole.IT_ADMIN;
    }

    private static String userOf(Caller caller) {
        return caller instanceof Caller.Person person ? person.userId() : null;
    }

    // ---- what the caller holds in a group ---------------------------------------------------------------------

    /** Only an active membership inside its validity window, held by an active org member, gives rights. */
    Member activeMembership(Caller caller, Group group) {
        if (!inOrg(caller) || userOf(caller) == null) {
            return null;
        }
        Member member = group.members.get(userOf(caller));
        return member != null && member.terms().status() == MembershipStatus.ACTIVE
                && member.terms().validity() != Validity.ENDED ? member : null;
    }

    /** The group's owner (its ownerId while an active org member, or an active owner member). */
    boolean isOwner(Caller caller, Group group) {
        Member own = activeMembership(caller, group);
        return inOrg(caller) && userOf(caller) != null && userOf(caller).equals(group.ownerId)
                || own != null && own.terms().role() == GroupRole.OWNER;
    }

    /** Every right the caller holds on the group. */
    Set<GroupPermission> rights(Caller caller, Group group) {
        if (administers(caller) || isOwner(caller, group)) {
            return EnumSet.allOf(GroupPermission.class);
        }
        Member own = activeMembership(caller, group);
        if (own == null) {
            return Set.of();
        }
        Set<GroupPermission> rights = EnumSet.copyOf(ROLE_RIGHTS.get(own.terms().role()));
        rights.addAll(own.terms().permissions());
        return rights;
    }

    boolean holds(Caller caller, Group group, GroupPermission right) {
        return rights(caller, group).contains(right);
    }

    /**
     * Sight of a group: org members see public and organization groups; a private group (and a private dynamic
     * group) only those with a right in it. A pending or suspended member sees no more than any org member.
     */
    boolean sees(Caller caller, Group group) {
        if (!inOrg(caller)) {
            return false;
        }
        return !rights(caller, group).isEmpty() || group.visibility != Visibility.PRIVATE;
    }

    Reach reach(Caller caller, Group group) {
        if (administers(caller) || isOwner(caller, group)) {
            return Reach.FULL;
        }
        Member own = activeMembership(caller, group);
        if (own == null) {
            return Reach.NONE;
        }
        if (own.terms().role() == GroupRole.ADMIN) {
            return Reach.ADMIN;
        }
        if (holds(caller, group, MANAGE_MEMBERS)) {
            return Reach.MODERATOR;
        }
        return group.memberInvites ? Reach.INVITER : Reach.NONE;
    }

    /** Owners grant any role; admins up to admin; moderators and inviters plain members only. */
    boolean mayGrantRole(Reach reach, GroupRole role) {
        return switch (reach) {
            case FULL -> true;
            case ADMIN -> role != GroupRole.OWNER;
            case MODERATOR, INVITER -> role == GroupRole.MEMBER;
            case NONE -> false;
        };
    }

    /** Extra permissions come from owners, admins and org admins, and only those the granter holds. */
    boolean mayGrantPermissions(Caller caller, Group group, Reach reach, Set<GroupPermission> added) {
        if (added.isEmpty() || reach == Reach.FULL) {
            return true;
        }
        return reach == Reach.ADMIN && rights(caller, group).containsAll(added);
    }

    /** Peers do not demote or remove each other: an admin reaches moderators and members, a moderator plain members. */
    boolean mayTouch(Reach reach, Member target) {
        return switch (reach) {
            case FULL -> true;
            case ADMIN -> target.terms().role() == GroupRole.MODERATOR || target.terms().role() == GroupRole.MEMBER;
            case MODERATOR -> target.terms().role() == GroupRole.MEMBER && target.terms().permissions().isEmpty();
            case INVITER, NONE -> false;
        };
    }

    /** A group that has owner members keeps one that counts now. */
    boolean isLastOwner(Group group, Member target) {
        long owners = group.members.values().stream().filter(PermissionRules::countingOwner).count();
        return countingOwner(target) && owners <= 1;
    }

    private static boolean countingOwner(Member member) {
        return member.terms().role() == GroupRole.OWNER && member.terms().status() == MembershipStatus.ACTIVE
                && member.terms().validity() != Validity.ENDED;
    }

    // ---- the calls --------------------------------------------------------------------------------------------

    public Verdict decide(PermissionCall call) {
        return switch (call) {
            case PermissionCall.CreateTopLevelGroup create -> createTopLevel(create.caller());
            case PermissionCall.CreateSubgroup create -> createSubgroup(create);
            case PermissionCall.MoveGroup move -> move(move);
            case PermissionCall.DeleteSubtree delete -> deleteSubtree(delete);
            case PermissionCall.AddMember add -> add(add);
            case PermissionCall.ChangeMember change -> change(change);
            case PermissionCall.RemoveMember remove -> remove(remove);
            case PermissionCall.ReadGroup read -> readable(read.caller(), model.group(read.group()));
            case PermissionCall.ListMembers list -> readable(list.caller(), model.group(list.group()));
            case PermissionCall.CreateDynamicGroup create -> writeRule(create.caller(), create.memberOf());
            case PermissionCall.PreviewRule preview -> writeRule(preview.caller(), preview.memberOf());
            case PermissionCall.ScimDeactivateUser deactivate -> deactivate(deactivate);
        };
    }

    /** A top-level org group is created by org admins and it_admins. */
    private Verdict createTopLevel(Caller caller) {
        if (!inOrg(caller)) {
            return Verdict.notFound("the org does not exist for " + caller);
        }
        return administers(caller) ? Verdict.done()
                : Verdict.forbidden("only org admins and it_admins create top-level groups");
    }

    /** A subgroup also by those who manage the parent's settings; the parent must be one the caller sees. */
    private Verdict createSubgroup(PermissionCall.CreateSubgroup create) {
        Group parent = model.group(create.parent());
        if (!sees(create.caller(), parent)) {
            return Verdict.unprocessable("parentId names a group the caller cannot see");
        }
        if (!administers(create.caller()) && !holds(create.caller(), parent, MANAGE_SETTINGS)) {
            return Verdict.forbidden("only those who manage the settings of " + parent.name + " create subgroups");
        }
        return model.depth(parent.name) + 1 > MAX_DEPTH ? Verdict.unprocessable("too deep") : Verdict.done();
    }

    /** Moving needs manage_settings on the group, on its current parent and on its new parent. */
    private Verdict move(PermissionCall.MoveGroup move) {
        Caller caller = move.caller();
        Group group = model.group(move.group());
        if (!sees(caller, group)) {
            return Verdict.notFound(group.name + " is invisible to " + caller);
        }
        if (!holds(caller, group, MANAGE_SETTINGS)) {
            return Verdict.forbidden("moving " + group.name + " needs manage_settings on it");
        }
        if (java.util.Objects.equals(group.parent, move.newParent())) {
            return Verdict.done();
        }
        Group newParent = move.newParent() == null ? null : model.group(move.newParent());
        if (newParent != null && !sees(caller, newParent)) {
            return Verdict.unprocessable("parentId names a group the caller cannot see");
        }
        if (group.parent != null && !holds(caller, model.group(group.parent), MANAGE_SETTINGS)) {
            return Verdict.forbidden("moving out of " + group.parent + " needs manage_settings on it");
        }
        if (newParent != null && !holds(caller, newParent, MANAGE_SETTINGS)) {
            return Verdict.forbidden("moving under " + newParent.name + " needs manage_settings on it");
        }
        if (newParent != null && model.subtree(group.name).contains(newParent.name)) {
            return Verdict.unprocessable("a group cannot move under itself");
        }
        if (newParent != null && model.depth(newParent.name) + model.height(group.name) > MAX_DEPTH) {
            return Verdict.unprocessable("too deep");
        }
        return Verdict.done();
    }

    /** Deleting a subtree needs the right to delete every group in it; otherwise nothing goes. */
    private Verdict deleteSubtree(PermissionCall.DeleteSubtree delete) {
        Group root = model.group(delete.group());
        if (!sees(delete.caller(), root)) {
            return Verdict.notFound(root.name + " is invisible to " + delete.caller());
        }
        for (String name : model.subtree(root.name)) {
            if (!holds(delete.caller(), model.group(name), DELETE)) {
                return Verdict.forbidden(delete.caller() + " may not delete " + name + ", so nothing is deleted");
            }
        }
        return Verdict.done();
    }

    /** Who grants what: the role and the extra permissions must be within the granter's reach. */
    private Verdict add(PermissionCall.AddMember add) {
        Caller caller = add.caller();
        Group group = model.group(add.group());
        if (!sees(caller, group)) {
            return Verdict.notFound(group.name + " is invisible to " + caller);
        }
        if (group.dynamic) {
            return Verdict.unprocessable("dynamic groups have no hand-made members");
        }
        Reach reach = reach(caller, group);
        if (reach == Reach.NONE) {
            return Verdict.forbidden(caller + " may not add members to " + group.name);
        }
        if (group.members.containsKey(add.user())) {
            return Verdict.unprocessable(add.user() + " is a member already");
        }
        if (model.orgRole(add.user()) == null) {
            return Verdict.unprocessable(add.user() + " is not a member of the org");
        }
        if (!mayGrantRole(reach, add.role())) {
            return Verdict.unprocessable(caller + " (" + reach + ") may not grant the role " + add.role());
        }
        if (!mayGrantPermissions(caller, group, reach, add.permissions())) {
            return Verdict.unprocessable(caller + " (" + reach + ") may not grant " + add.permissions());
        }
        return Verdict.done();
    }

    /** Changing a membership: nobody changes their own terms except owners and administrators. */
    private Verdict change(PermissionCall.ChangeMember change) {
        Caller caller = change.caller();
        Group group = model.group(change.group());
        if (!sees(caller, group)) {
            return Verdict.notFound(group.name + " is invisible to " + caller);
        }
        Member target = group.members.get(change.user());
        if (target == null) {
            return Verdict.notFound(change.user() + " is no member of " + group.name);
        }
        Reach reach = reach(caller, group);
        PermissionCall.MemberChange to = change.change();
        if (change.user().equals(userOf(caller))) {
            if (reach != Reach.FULL) {
                return Verdict.forbidden("nobody changes their own terms but owners and org admins");
            }
        } else {
            if (!mayTouch(reach, target)) {
                return Verdict.forbidden(caller + " (" + reach + ") may not change the " + target.terms().role()
                        + " " + change.user());
            }
            if (to.role() != null && to.role() != target.terms().role() && !mayGrantRole(reach, to.role())) {
                return Verdict.unprocessable(caller + " (" + reach + ") may not grant the role " + to.role());
            }
            if (to.permissions() != null) {
                Set<GroupPermission> added = new TreeSet<>(to.permissions());
                added.removeAll(target.terms().permissions());
                if (!mayGrantPermissions(caller, group, reach, added)) {
                    return Verdict.unprocessable(caller + " (" + reach + ") may not grant " + added);
                }
            }
        }
        boolean stepsDown = to.role() != null && to.role() != target.terms().role()
                || to.status() != null && to.status() != MembershipStatus.ACTIVE
                && to.status() != target.terms().status();
        if (target.terms().role() == GroupRole.OWNER && stepsDown && isLastOwner(group, target)) {
            return Verdict.unprocessable(change.user() + " is the last owner of " + group.name);
        }
        return Verdict.done();
    }

    /** Anyone may leave; removing someone else follows the same reach as changing them. */
    private Verdict remove(PermissionCall.RemoveMember remove) {
        Caller caller = remove.caller();
        Group group = model.group(remove.group());
        Member target = group.members.get(remove.user());
        boolean leaving = remove.user().equals(userOf(caller));
        if (leaving) {
            if (target == null) {
                return Verdict.notFound(sees(caller, group) ? "not a member" : group.name + " is invisible");
            }
        } else {
            if (!sees(caller, group)) {
                return Verdict.notFound(group.name + " is invisible to " + caller);
            }
            if (target == null) {
                return Verdict.notFound(remove.user() + " is no member of " + group.name);
            }
            if (!mayTouch(reach(caller, group), target)) {
                return Verdict.forbidden(caller + " may not remove the " + target.terms().role() + " "
                        + remove.user());
            }
        }
        if (target.terms().role() == GroupRole.OWNER && isLastOwner(group, target)) {
            return Verdict.unprocessable(remove.user() + " is the last owner of " + group.name);
        }
        return Verdict.done();
    }

    private Verdict readable(Caller caller, Group group) {
        return sees(caller, group) ? Verdict.done() : Verdict.notFound(group.name + " is invisible to " + caller);
    }

    /**
     * Dynamic groups and rule previews read the whole directory: org admins and it_admins only, and member_of
     * names only groups whose members the author may read.
     */
    private Verdict writeRule(Caller caller, String memberOf) {
        if (!inOrg(caller)) {
            return Verdict.notFound("the org does not exist for " + caller);
        }
        if (!administers(caller)) {
            return Verdict.forbidden("only org admins and it_admins write rules");
        }
        return sees(caller, model.group(memberOf)) ? Verdict.done()
                : Verdict.unprocessable("member_of names a group " + caller + " may not read");
    }

    /**
     * A SCIM token acts with its issuer's org rights as they are now: a token whose issuer lost them stops working;
     * an it_admin's token does not touch admins; the org keeps an active admin.
     */
    private Verdict deactivate(PermissionCall.ScimDeactivateUser deactivate) {
        Caller caller = deactivate.caller();
        if (orgRole(caller) == null) {
            return Verdict.unauthenticated("the issuer of " + caller + " no longer administers the org");
        }
        OrgRole target = model.orgRole(deactivate.user());
        if (target == null || model.isDeactivated(deactivate.user())) {
            return Verdict.notFound(deactivate.user() + " is no (provisioned) user of the org");
        }
        if (target == OrgRole.ADMIN && orgRole(caller) != OrgRole.ADMIN) {
            return Verdict.forbidden("only admins decide about admins");
        }
        List<String> activeAdmins = PermissionModel.ORG_ADMINS.stream()
                .filter(admin -> model.activeOrgRole(admin) == OrgRole.ADMIN).toList();
        if (target == OrgRole.ADMIN && activeAdmins.equals(List.of(deactivate.user()))) {
            return Verdict.unprocessable(deactivate.user() + " is the last active admin");
        }
        return Verdict.done();
    }

    /**
     * Active effective membership: an active org member whose own membership of the group, or of a group below it,
     * is active and inside its validity dates. Pending and suspended memberships count for nothing.
     */
    public Set<String> effectiveGroupsOf(String userId) {
        Set<String> groups = new TreeSet<>();
        if (model.activeOrgRole(userId) == null) {
            return groups;
        }
        model.groups().values().stream().filter(group -> !group.dynamic).forEach(group -> {
            boolean effective = model.subtree(group.name).stream().map(model::group).anyMatch(below -> {
                Member member = below.members.get(userId);
                return member != null && member.terms().status() == MembershipStatus.ACTIVE
                        && member.terms().validity() != Validity.ENDED;
            });
            if (effective) {
                groups.add(group.name);
            }
        });
        return groups;
    }

    /** The groups a person sees, as sight observations report it. */
    public Set<String> sightOf(String userId) {
        Set<String> seen = new TreeSet<>();
        Caller caller = new Caller.Person(userId);
        model.groups().values().forEach(group -> {
            if (sees(caller, group)) {
                seen.add(group.name);
            }
        });
        return seen;
    }
}
