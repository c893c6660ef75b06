package circles.application.permissions;

import circles.application.permissions.PermissionCall.Caller;
import circles.application.permissions.PermissionCall.Validity;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The world of the permission model: one org with its people, its group tree and the memberships, each grant
 * remembering who gave it and whether they were entitled to. An outsider administers another org. The model
 * knows nothing of the production code; {@link PermissionRules} decides what each call may do.
 */
public final class PermissionModel {
    public static final String PLATFORM_ADMIN = "pat";
    public static final List<String> ORG_ADMINS = List.of("ada", "abe");
    public static final String IT_ADMIN = "ivy";
    public static final List<String> PLAIN_MEMBERS = List.of("u1", "u2", "u3", "u4", "u5");
    /** An admin of another org: for them this org and its groups do not exist. */
    public static final String OUTSIDER = "oli";

    /** Every person who calls, in a fixed order. */
    public static final List<String> PEOPLE;
    /** The people a SCIM token is issued by (an org admin and an it_admin). */
    public static final List<String> TOKEN_ISSUERS = List.of("ada", IT_ADMIN);

    static {
        List<String> people = new ArrayList<>();
        people.add(PLATFORM_ADMIN);
        people.addAll(ORG_ADMINS);
        people.add(IT_ADMIN);
        people.addAll(PLAIN_MEMBERS);
        people.add(OUTSIDER);
        PEOPLE = List.copyOf(people);
    }

    /** A grant as the model remembers it: who gave it, by which call, and whether the rules entitled them to. */
    public record Grant(Caller granter, boolean entitled, String call) {
    }

    /** The terms of a membership as every level can observe them. */
    public record Terms(GroupRole role, MembershipStatus status, Validity validity, Set<GroupPermission> permissions) {
        public Terms {
            permissions = Set.copyOf(permissions);
        }

        @Override
        public String toString() {
            return role.name().toLowerCase() + "/" + status.name().toLowerCase() + "/" + validity.name().toLowerCase()
                    + (permissions.isEmpty() ? "" : "+" + new TreeSet<>(permissions));
        }
    }

    public record Member(Terms terms, Grant grant) {
    }

    /** A group of the org. A dynamic group has no direct members; its rule names one group ({@code member_of}). */
    public static final class Group {
        public final String name;
        public String parent;
        public final Visibility visibility;
        public final boolean memberInvites;
        public final boolean dynamic;
        public final String memberOf;
        public final String ownerId;
        public final Grant created;
        public final Map<String, Member> members = new TreeMap<>();

        Group(String name, String parent, Visibility visibility, boolean memberInvites, boolean dynamic,
              String memberOf, String ownerId, Grant created) {
            this.name = name;
            this.parent = parent;
            this.visibility = visibility;
            this.memberInvites = memberInvites;
            this.dynamic = dynamic;
            this.memberOf = memberOf;
            this.ownerId = ownerId;
            this.created = created;
        }
    }

    private final Map<String, OrgRole> orgRoles = new LinkedHashMap<>();
    private final Set<String> deactivated = new TreeSet<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private int groupsNamed;

    public PermissionModel() {
        ORG_ADMINS.forEach(admin -> orgRoles.put(admin, OrgRole.ADMIN));
        orgRoles.put(IT_ADMIN, OrgRole.IT_ADMIN);
        PLAIN_MEMBERS.forEach(member -> orgRoles.put(member, OrgRole.MEMBER));
    }

    /** The org role of a person while their org membership is active; null for outsiders and deactivated people. */
    public OrgRole activeOrgRole(String userId) {
        return deactivated.contains(userId) ? null : orgRoles.get(userId);
    }

    /** The org role of a person whatever their standing; null for outsiders. */
    public OrgRole orgRole(String userId) {
        return orgRoles.get(userId);
    }

    public boolean isDeactivated(String userId) {
        return deactivated.contains(userId);
    }

    public Group group(String name) {
        return groups.get(name);
    }

    public Map<String, Group> groups() {
        return groups;
    }

    /** The handle a new group gets (handles are never reused, so a shrunk sequence still names the same group). */
    public String nextGroupName() {
        return "g" + (groupsNamed + 1);
    }

    /** The group and every group below it, the group first. */
    public List<String> subtree(String root) {
        List<String> found = new ArrayList<>(List.of(root));
        for (int i = 0; i < found.size(); i++) {
            String current = found.get(i);
            groups.values().stream().filter(group -> current.equals(group.parent)).forEach(group -> found.add(group.name));
        }
        return found;
    }

    /** Levels from the top: 1 for a top-level group. */
    public int depth(String name) {
        int depth = 1;
        for (String parent = groups.get(name).parent; parent != null; parent = groups.get(parent).parent) {
            depth++;
        }
        return depth;
    }

    /** Levels in the subtree of a group: 1 for a group without subgroups. */
    public int height(String name) {
        return 1 + groups.values().stream().filter(group -> name.equals(group.parent))
                .mapToInt(group -> height(group.name)).max().orElse(0);
    }

    /** Whether the call names only groups that exist and creates only handles not taken (a shrunk run may not). */
    public boolean makesSense(PermissionCall call) {
        return switch (call) {
            case PermissionCall.CreateTopLevelGroup create -> !groups.containsKey(create.group());
            case PermissionCall.CreateSubgroup create -> !groups.containsKey(create.group())
                    && isStatic(create.parent());
            case PermissionCall.CreateDynamicGroup create -> !groups.containsKey(create.group())
                    && isStatic(create.memberOf());
            case PermissionCall.MoveGroup move -> isStatic(move.group())
                    && (move.newParent() == null || isStatic(move.newParent()));
            case PermissionCall.DeleteSubtree delete -> groups.containsKey(delete.group());
            case PermissionCall.AddMember add -> groups.containsKey(add.group());
            case PermissionCall.ChangeMember change -> isStatic(change.group());
            case PermissionCall.RemoveMember remove -> isStatic(remove.group());
            case PermissionCall.ReadGroup read -> groups.containsKey(read.group());
            case PermissionCall.ListMembers list -> groups.containsKey(list.group());
            case PermissionCall.PreviewRule preview -> isStatic(preview.memberOf());
            case PermissionCall.ScimDeactivateUser ignored -> true;
        };
    }

    private boolean isStatic(String name) {
        return groups.containsKey(name) && !groups.get(name).dynamic;
    }

    /** Carries out a call the rules allowed, remembering the grant it made. */
    public void apply(PermissionCall call, Verdict verdict) {
        Grant grant = new Grant(call.caller(), verdict.isDone(), call.toString());
        String by = call.caller() instanceof Caller.Person person ? person.userId() : null;
        switch (call) {
            case PermissionCall.CreateTopLevelGroup create -> created(new Group(create.group(), null,
                    create.visibility(), create.memberInvites(), false, null, by, grant));
            case PermissionCall.CreateSubgroup create -> created(new Group(create.group(), create.parent(),
                    create.visibility(), create.memberInvites(), false, null, by, grant));
            case PermissionCall.CreateDynamicGroup create -> created(new Group(create.group(), null,
                    create.visibility(), false, true, create.memberOf(), by, grant));
            case PermissionCall.MoveGroup move -> groups.get(move.group()).parent = move.newParent();
            case PermissionCall.DeleteSubtree delete -> subtree(delete.group()).forEach(groups::remove);
            case PermissionCall.AddMember add -> groups.get(add.group()).members.put(add.user(), new Member(
                    new Terms(add.role(), add.status(), Validity.OPEN, add.permissions()), grant));
            case PermissionCall.ChangeMember change -> {
                Map<String, Member> members = groups.get(change.group()).members;
                Terms was = members.get(change.user()).terms();
                PermissionCall.MemberChange to = change.change();
                members.put(change.user(), new Member(new Terms(
                        to.role() == null ? was.role() : to.role(),
                        to.status() == null ? was.status() : to.status(),
                        to.validity() == null ? was.validity() : to.validity(),
                        to.permissions() == null ? was.permissions() : to.permissions()), grant));
            }
            case PermissionCall.RemoveMember remove -> groups.get(remove.group()).members.remove(remove.user());
            case PermissionCall.ScimDeactivateUser deactivate -> deactivated.add(deactivate.user());
            case PermissionCall.ReadGroup ignored -> { }
            case PermissionCall.ListMembers ignored -> { }
            case PermissionCall.PreviewRule ignored -> { }
        }
    }

    private void created(Group group) {
        groups.put(group.name, group);
        groupsNamed = Math.max(groupsNamed, Integer.parseInt(group.name.substring(1)));
    }

    /**
     * Grants in the model that nobody entitled gave: a membership whose last grant, or a group whose creation, the
     * rules did not allow at the time. Empty while the model is sound.
     */
    public List<String> unentitledGrants() {
        List<String> found = new ArrayList<>();
        groups.values().forEach(group -> {
            if (!group.created.entitled()) {
                found.add(group.name + " owned by " + group.ownerId + " through " + group.created.call());
            }
            group.members.forEach((user, member) -> {
                if (!member.grant().entitled()) {
                    found.add(user + " in " + group.name + " through " + member.grant().call());
                }
            });
        });
        return found;
    }

    /** Everything a later call may depend on, to tell whether a call changed the world. */
    public String fingerprint() {
        return parents() + "" + memberships() + deactivated + groups.keySet() + groupsNamed;
    }

    /** The parent of every group ("-" for the top level). */
    public Map<String, String> parents() {
        Map<String, String> parents = new TreeMap<>();
        groups.values().forEach(group -> parents.put(group.name, group.parent == null ? "-" : group.parent));
        return parents;
    }

    /** The direct members of every static group with their terms. */
    public Map<String, Map<String, Terms>> memberships() {
        Map<String, Map<String, Terms>> all = new TreeMap<>();
        groups.values().stream().filter(group -> !group.dynamic).forEach(group -> {
            Map<String, Terms> members = new TreeMap<>();
            group.members.forEach((user, member) -> members.put(user, member.terms()));
            all.put(group.name, members);
        });
        return all;
    }
}
