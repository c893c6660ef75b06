package circles.domain.access;

import circles.domain.group.GroupKind;

import java.util.List;

/**
 * Who may shape an org's group tree: create groups, move them and delete subtrees. Moving or creating under a
 * parent changes who the parent's effective members are (and so what they receive), so it needs a right on the
 * parent, not only on the group.
 * <ul>
 *     <li>A top-level org group is created by org admins and it_admins (and platform admins); a subgroup also by
 *     whoever manages the parent's settings. Any signed-in user creates a top-level standalone group.</li>
 *     <li>Dynamic groups read the whole directory of the org: only org admins and it_admins create them, change
 *     their rules or preview rules, and a rule's {@code member_of} names only groups whose members its author may
 *     read.</li>
 *     <li>Moving a group (a new parent, or none) needs {@code manage_settings} on the group, on its current parent
 *     and on its new parent.</li>
 *     <li>Deleting a subtree needs the right to delete every group in it.</li>
 * </ul>
 */
public final class GroupStructurePolicy {

    private GroupStructurePolicy() {
    }

    /**
     * Whether the actor may create a group in {@code org} (null for a standalone group) under {@code parent}
     * (null for a top-level group).
     */
    public static Decision mayCreate(OrgAccess org, GroupAccess parent, GroupKind kind) {
        boolean administrator = org != null && org.administers()
                || parent != null && parent.isAdministrator();
        if (kind == GroupKind.DYNAMIC && !administrator) {
            return Decision.forbidden("dynamic groups read the whole directory of the org: only org admins and"
                    + " it_admins create them");
        }
        if (administrator) {
            return Decision.allowed();
        }
        if (parent != null) {
            return parent.mayManageSettings() ? Decision.allowed()
                    : Decision.forbidden("only those who manage the settings of group " + parent.group().id()
                    + " create subgroups in it");
        }
        return org == null ? Decision.allowed()
                : Decision.forbidden("only admins and it_admins of the org create its top-level groups");
    }

    /** Whether the actor may write or preview a rule of the org (dynamic groups read its whole directory). */
    public static Decision mayWriteRules(OrgAccess org) {
        return org.administers() ? Decision.allowed()
                : Decision.forbidden("only org admins and it_admins write or preview rules");
    }

    /** A {@code member_of} criterion names only groups whose members its author may read. */
    public static Decision mayReadThroughRule(List<GroupAccess> referenced) {
        for (GroupAccess group : referenced) {
            if (!group.mayView()) {
                return Decision.beyondReach("rule", "member_of names a group whose members you may not read");
            }
        }
        return Decision.allowed();
    }

    /**
     * Whether the actor may move {@code group} from {@code currentParent} to {@code newParent} (either may be null
     * for the top level).
     */
    public static Decision mayMove(GroupAccess group, GroupAccess currentParent, GroupAccess newParent) {
        if (!group.mayManageSettings()) {
            return Decision.forbidden("you may not change the settings of group " + group.group().id());
        }
        if (currentParent != null && !currentParent.mayManageSettings()) {
            return Decision.forbidden("moving group " + group.group().id() + " out of its parent needs the right to"
                    + " manage the parent's settings");
        }
        if (newParent != null && !newParent.mayManageSettings()) {
            return Decision.forbidden("moving group " + group.group().id() + " under group " + newParent.group().id()
                    + " needs the right to manage that group's settings");
        }
        return Decision.allowed();
    }

    /**
     * Whether the actor may delete {@code root} with every group below it. A blocking group the actor cannot see
     * is not named.
     */
    public static Decision mayDeleteSubtree(GroupAccess root, List<GroupAccess> descendants) {
        if (!root.mayDelete()) {
            return Decision.forbidden("only the owner or an org admin may delete group " + root.group().id());
        }
        for (GroupAccess descendant : descendants) {
            if (!descendant.mayDelete()) {
                return Decision.forbidden(descendant.mayView()
                        ? "you may not delete subgroup " + descendant.group().id() + " ('"
                        + descendant.group().name() + "'), so nothing was deleted"
                        : "a subgroup you cannot see blocks this, so nothing was deleted");
            }
        }
        return Decision.allowed();
    }
}
