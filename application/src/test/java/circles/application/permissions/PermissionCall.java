package circles.application.permissions;

import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One call of the permission model: who calls, what they ask for. Groups and users are named by the model's
 * handles ({@code g1}, {@code u3}); each driver maps them to the ids its level uses. The text of a call is what a
 * shrunk failing sequence shows, so it reads like the request.
 */
public sealed interface PermissionCall {

    Caller caller();

    /** Who makes a call: a signed-in person, or a SCIM token issued by a person. */
    sealed interface Caller {
        record Person(String userId) implements Caller {
            @Override
            public String toString() {
                return userId;
            }
        }

        record ScimToken(String issuer) implements Caller {
            @Override
            public String toString() {
                return "scim-token-of-" + issuer;
            }
        }
    }

    /** Whether a membership has an end date, and whether it lies behind or ahead of now. */
    enum Validity { OPEN, ENDED, RUNNING }

    record CreateTopLevelGroup(Caller caller, String group, Visibility visibility, boolean memberInvites)
            implements PermissionCall {
        @Override
        public String toString() {
            return caller + " creates top-level group " + group + " (" + lower(visibility)
                    + (memberInvites ? ", member invites" : "") + ")";
        }
    }

    record CreateSubgroup(Caller caller, String group, String parent, Visibility visibility, boolean memberInvites)
            implements PermissionCall {
        @Override
        public String toString() {
            return caller + " creates subgroup " + group + " under " + parent + " (" + lower(visibility)
                    + (memberInvites ? ", member invites" : "") + ")";
        }
    }

    /** A new parent, or none ({@code null}) to make the group top-level. */
    record MoveGroup(Caller caller, String group, String newParent) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " moves " + group + (newParent == null ? " to the top level" : " under " + newParent);
        }
    }

    record DeleteSubtree(Caller caller, String group) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " deletes " + group + " with its subgroups";
        }
    }

    record AddMember(Caller caller, String group, String user, GroupRole role, Set<GroupPermission> permissions,
                     MembershipStatus status) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " adds " + user + " to " + group + " as " + lower(role) + permissionsText(permissions)
                    + (status == MembershipStatus.ACTIVE ? "" : " (" + lower(status) + ")");
        }
    }

    /** Exactly one of the fields of {@code change} is set. */
    record ChangeMember(Caller caller, String group, String user, MemberChange change) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " changes " + user + " in " + group + ": " + change;
        }
    }

    record MemberChange(GroupRole role, MembershipStatus status, Validity validity, Set<GroupPermission> permissions) {
        @Override
        public String toString() {
            if (role != null) {
                return "role " + lower(role);
            }
            if (status != null) {
                return "status " + lower(status);
            }
            if (validity != null) {
                return "validUntil " + switch (validity) {
                    case OPEN -> "none";
                    case ENDED -> "in the past";
                    case RUNNING -> "in the future";
                };
            }
            return "permissions " + (permissions.isEmpty() ? "none" : permissionsText(permissions).trim());
        }
    }

    record RemoveMember(Caller caller, String group, String user) implements PermissionCall {
        @Override
        public String toString() {
            return caller + (caller.toString().equals(user) ? " leaves " + group : " removes " + user + " from "
                    + group);
        }
    }

    record ReadGroup(Caller caller, String group) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " reads " + group;
        }
    }

    record ListMembers(Caller caller, String group) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " lists the members of " + group;
        }
    }

    record CreateDynamicGroup(Caller caller, String group, String memberOf, Visibility visibility)
            implements PermissionCall {
        @Override
        public String toString() {
            return caller + " creates dynamic group " + group + " (" + lower(visibility) + ") with rule member_of "
                    + memberOf;
        }
    }

    record PreviewRule(Caller caller, String memberOf) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " previews the rule member_of " + memberOf;
        }
    }

    /** A SCIM DELETE of a user, which Circles keeps as a deactivated org member. */
    record ScimDeactivateUser(Caller caller, String user) implements PermissionCall {
        @Override
        public String toString() {
            return caller + " deactivates user " + user + " over SCIM";
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String permissionsText(Set<GroupPermission> permissions) {
        return permissions.isEmpty() ? "" : " +" + permissions.stream().map(PermissionCall::lower).sorted()
                .collect(Collectors.joining(",", "[", "]"));
    }
}
