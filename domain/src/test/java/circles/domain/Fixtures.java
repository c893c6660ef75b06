package circles.domain;

import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupType;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Set;

/** Small builders for the domain tests: groups, memberships and actors with sensible defaults. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    public static final UserId CREATOR = UserId.of("creator");

    private Fixtures() {
    }

    public static Actor user(String id) {
        return new Actor(UserId.of(id), id, id + "@example.org", Set.of());
    }

    public static Actor platformAdmin(String id) {
        return new Actor(UserId.of(id), id, id + "@example.org", Set.of(Actor.PLATFORM_ADMIN));
    }

    public static Group.Draft draft(OrgId orgId, String name, Visibility visibility) {
        return new Group.Draft(orgId, new GroupDescription(name, null, null, null, null), null,
                orgId == null ? GroupType.STANDALONE : GroupType.PROJECT, GroupKind.STATIC, null, visibility, null,
                null, null, null);
    }

    public static Group orgGroup(OrgId orgId, Visibility visibility) {
        return Group.create(draft(orgId, "Team", visibility), CREATOR, NOW);
    }

    public static Group orgGroup(OrgId orgId, Visibility visibility, GroupKind kind, GroupSettings settings) {
        Group.Draft base = draft(orgId, "Team", visibility);
        return Group.create(new Group.Draft(orgId, base.description(), null, base.type(), kind, null, visibility,
                null, settings, null, null), CREATOR, NOW);
    }

    public static Group standalone(Visibility visibility) {
        return Group.create(draft(null, "Club", visibility), CREATOR, NOW);
    }

    /** A group placed under {@code parent} (the nesting check is the caller's business). */
    public static Group child(Group parent, String name) {
        Group.Draft base = draft(parent.orgIdOrNull(), name, Visibility.ORGANIZATION);
        return Group.create(new Group.Draft(base.orgId(), base.description(), null, base.type(), GroupKind.STATIC,
                parent.id(), Visibility.ORGANIZATION, null, null, null, null), CREATOR, NOW);
    }

    public static Membership member(Group group, String userId, GroupRole role) {
        return Membership.start(group, UserId.of(userId), Membership.Terms.of(role, MembershipStatus.ACTIVE), null,
                NOW);
    }

    public static Membership member(Group group, String userId, GroupRole role, MembershipStatus status) {
        return Membership.start(group, UserId.of(userId), Membership.Terms.of(role, status), null, NOW);
    }

    public static Membership withExtra(Group group, String userId, GroupRole role, Set<GroupPermission> extra) {
        return Membership.start(group, UserId.of(userId),
                new Membership.Terms(role, MembershipStatus.ACTIVE, null, null, extra), null, NOW);
    }

    public static GroupId someGroupId() {
        return GroupId.random();
    }
}
