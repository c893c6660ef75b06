package circles.application.port.out.shared;

import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.org.OrgRepository;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupType;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Slug;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The world a port contract runs in: its transactions, its tenant scope, its clock, and the ports that make the orgs,
 * users, groups and memberships a case needs. Both worlds make their data through the same ports, so a case reads
 * the same against the in-memory ports and against PostgreSQL. The PostgreSQL world is shared by every test: a case
 * makes its own orgs, users and groups under fresh names, and never assumes it is alone in the database.
 */
public final class PortFixture {
    private final UnitOfWork unitOfWork;
    private final TenantScope tenant;
    private final Clock clock;
    private final OrgRepository orgs;
    private final OrgMemberRepository orgMembers;
    private final UserRepository users;
    private final GroupRepository groups;
    private final MembershipRepository memberships;

    public PortFixture(UnitOfWork unitOfWork, TenantScope tenant, Clock clock, OrgRepository orgs,
                       OrgMemberRepository orgMembers, UserRepository users, GroupRepository groups,
                       MembershipRepository memberships) {
        this.unitOfWork = unitOfWork;
        this.tenant = tenant;
        this.clock = clock;
        this.orgs = orgs;
        this.orgMembers = orgMembers;
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
    }

    /** Runs the work in a transaction of its own, committed unless it throws (callers never hold one open). */
    public <T> T inTransaction(Supplier<T> work) {
        return unitOfWork.inTransaction(work);
    }

    public void inTransaction(Runnable work) {
        unitOfWork.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs the work in a transaction of its own that is rolled back at its end, so that nothing it wrote is ever seen
     * outside it: not by other tests, nor by the application's own work after a commit (the relay of directory
     * events). The in-memory world cannot roll back; there nothing outside the case sees its data anyway.
     */
    public <T> T inRolledBackTransaction(Supplier<T> work) {
        try {
            unitOfWork.inTransaction(() -> {
                throw new RolledBack(work.get());
            });
            throw new IllegalStateException("the transaction was not rolled back");
        } catch (RolledBack rolledBack) {
            @SuppressWarnings("unchecked")
            T result = (T) rolledBack.result;
            return result;
        }
    }

    /** Ends a transaction with the result of its work, which rolls it back. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super("rolled back on purpose", null, false, false);
            this.result = result;
        }
    }

    /** Runs the work in a transaction of its own that works in the org ({@code null}: standalone data). */
    public <T> T inOrg(OrgId orgId, Supplier<T> work) {
        return inTransaction(() -> {
            tenant.enter(orgId);
            return work.get();
        });
    }

    public void inOrg(OrgId orgId, Runnable work) {
        inOrg(orgId, () -> {
            work.run();
            return null;
        });
    }

    /** Now by the world's clock, at the precision the database keeps. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user nobody has seen yet. */
    public static UserId someUser(String prefix) {
        return new UserId(unique(prefix));
    }

    public Organization newOrg() {
        String slug = unique("org");
        return inTransaction(() -> orgs.save(Organization.create("Org " + slug, new Slug(slug), now())));
    }

    public OrgMember newOrgMember(OrgId orgId, UserId userId, OrgRole role) {
        return inTransaction(() -> {
            users.ensureExist(List.of(userId));
            return orgMembers.save(OrgMember.join(orgId, userId, role, MemberProfile.named(null, null), now()));
        });
    }

    /** A new user who is a plain member of the org. */
    public UserId newMember(Organization org, String prefix) {
        UserId userId = someUser(prefix);
        newOrgMember(org.id(), userId, OrgRole.MEMBER);
        return userId;
    }

    /** A public static group of the org (a standalone one when {@code orgId} is null). */
    public Group newGroup(OrgId orgId, String name, Group parent) {
        return newGroup(orgId, name, parent, Visibility.PUBLIC);
    }

    public Group newGroup(OrgId orgId, String name, Group parent, Visibility visibility) {
        return newGroup(draft(orgId, name, parent, visibility));
    }

    public Group newGroup(Group.Draft draft) {
        return newGroup(draft, new UserId("owner"), now());
    }

    public Group newGroup(Group.Draft draft, UserId owner, Instant createdAt) {
        return inTransaction(() -> groups.save(Group.create(draft, owner, createdAt)));
    }

    /** The draft of a public static group of the org (a standalone one when {@code orgId} is null). */
    public static Group.Draft draft(OrgId orgId, String name, Group parent, Visibility visibility) {
        GroupType type = orgId == null ? GroupType.STANDALONE : GroupType.PROJECT;
        return new Group.Draft(orgId, new GroupDescription(name, "About " + name, null, null, null), null, type,
                GroupKind.STATIC, parent == null ? null : parent.id(), visibility, null, null, null, null);
    }

    /**
     * A private dynamic group of the org, without a rule. Delete it with {@link #deleteGroups} when the case is done:
     * a dynamic group left behind in the shared database is one a refresh picks up.
     */
    public Group newDynamicGroup(OrgId orgId, String prefix) {
        String name = unique(prefix);
        return newGroup(new Group.Draft(orgId, new GroupDescription(name, null, null, null, null), null,
                GroupType.CUSTOM, GroupKind.DYNAMIC, null, Visibility.PRIVATE, null, null, null, null));
    }

    /** Deletes the org's groups, in the org's scope (row-level security hides them from a delete outside it). */
    public void deleteGroups(OrgId orgId, List<GroupId> ids) {
        inOrg(orgId, () -> {
            groups.delete(ids);
            return null;
        });
    }

    public Membership join(Group group, UserId userId, GroupRole role, MembershipStatus status) {
        return join(group, userId, Membership.Terms.of(role, status));
    }

    public Membership join(Group group, UserId userId, Membership.Terms terms) {
        Membership membership = Membership.start(group, userId, terms, null, now());
        inTransaction(() -> memberships.save(membership));
        return membership;
    }

    public TenantScope tenant() {
        return tenant;
    }

    public OrgRepository orgs() {
        return orgs;
    }

    public OrgMemberRepository orgMembers() {
        return orgMembers;
    }

    public UserRepository users() {
        return users;
    }

    public GroupRepository groups() {
        return groups;
    }

    public MembershipRepository memberships() {
        return memberships;
    }
}
