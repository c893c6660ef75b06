package circles.application;

import circles.application.service.event.ChangeFeedService;
import circles.application.service.event.PublicEvents;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.membership.AddGroupMembersUseCase;
import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.out.shared.PortFixture;
import circles.application.service.access.Access;
import circles.application.service.actor.SignInService;
import circles.application.service.assignment.AssignmentService;
import circles.application.service.audit.AuditService;
import circles.application.service.group.ExpiryService;
import circles.application.service.group.GroupService;
import circles.application.service.idempotency.IdempotencyService;
import circles.application.service.masterdata.MasterDataService;
import circles.application.service.member.OrgMemberService;
import circles.application.service.membership.GroupMembershipService;
import circles.application.service.membership.MemberGroupsService;
import circles.application.service.org.OrgService;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.Slug;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The application wired to in-memory ports, as bootstrap wires it to the real adapters. Seeding helpers run
 * the real use cases as a platform admin and put the previous caller back afterwards.
 */
public final class InMemoryCircles {
    /** No log to read in memory: no answer is ever kept. */
    private static final circles.application.port.out.membership.AnswerStamps NO_STAMPS =
            new circles.application.port.out.membership.AnswerStamps() {
                @Override
                public Stamp take(circles.domain.actor.UserId userId, circles.domain.org.OrgId orgId,
                                  java.time.Instant now) {
                    return new Stamp(java.util.List.of(), "0", 0, null, false);
                }

                @Override
                public boolean unchanged(circles.domain.actor.UserId userId, circles.domain.org.OrgId orgId,
                                         Stamp stamp) {
                    return false;
                }
            };

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final InMemoryDatabase db = new InMemoryDatabase();
    public final InMemoryUnitOfWork tx = new InMemoryUnitOfWork(db);
    public final TestCaller caller = new TestCaller();
    public final RecordingTenantScope tenant = new RecordingTenantScope();
    public final InMemoryOrgRepository orgRepository = new InMemoryOrgRepository(db);
    public final InMemoryOrgMemberRepository orgMemberRepository = new InMemoryOrgMemberRepository(db);
    public final InMemoryGroupRepository groupRepository = new InMemoryGroupRepository(db, clock);
    public final InMemoryMembershipRepository membershipRepository = new InMemoryMembershipRepository(db);
    public final InMemoryAssignmentRepository assignmentRepository = new InMemoryAssignmentRepository(db);
    public final InMemoryUserRepository userRepository = new InMemoryUserRepository(db);
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog(db);
    public final InMemoryPublicEventLog publicEventLog = new InMemoryPublicEventLog(db, clock);
    public final InMemoryIdempotencyStore idempotencyStore = new InMemoryIdempotencyStore(db);
    public final InMemoryDirectoryEvents directoryEvents = new InMemoryDirectoryEvents(db);
    public final InMemoryReportingLines reportingLines = new InMemoryReportingLines(db);
    public final InMemoryMasterDataRepository masterDataRepository = new InMemoryMasterDataRepository(db);

    public final Access access = new Access(caller, orgMemberRepository, groupRepository, membershipRepository,
            tenant, clock);
    public final OrgService orgs = new OrgService(tx, access, orgRepository, orgMemberRepository, userRepository,
            directoryEvents, auditLog, clock);
    public final OrgMemberService orgMembers = new OrgMemberService(tx, access, orgMemberRepository, userRepository,
            groupRepository, membershipRepository, reportingLines, directoryEvents, auditLog, clock);
    /** The public events of the use cases below (one per member up to ten changes, then one bulk event). */
    public final PublicEvents publicEvents = new PublicEvents(publicEventLog, clock, 10);
    public final GroupService groups = new GroupService(tx, access, groupRepository, membershipRepository,
            orgMemberRepository, auditLog, clock, null, null, null, publicEvents);
    public final GroupMembershipService members = new GroupMembershipService(tx, access, membershipRepository,
            orgMemberRepository, userRepository, auditLog, clock, null, null, publicEvents);
    public final AssignmentService assignments = new AssignmentService(tx, access, assignmentRepository,
            orgMemberRepository, auditLog, clock);
    public final MemberGroupsService memberGroups = new MemberGroupsService(tx, access, orgMemberRepository,
            membershipRepository, NO_STAMPS, clock);
    public final SignInService signIns = new SignInService(tx, userRepository);
    public final AuditService audit = new AuditService(tx, access, auditLog);
    public final ExpiryService expiry = new ExpiryService(tx, groupRepository, membershipRepository, auditLog, clock,
            publicEvents);
    public final ChangeFeedService changeFeed = new ChangeFeedService(tx, access, publicEventLog, clock,
            new ChangeFeedService.Retention(java.time.Duration.ofDays(7), 100));
    public final IdempotencyService idempotency = new IdempotencyService(tx, idempotencyStore, clock);
    public final MasterDataService masterData = new MasterDataService(tx, access, masterDataRepository,
            orgMemberRepository, directoryEvents, auditLog, clock);

    public Actor as(String userId) {
        Actor actor = new Actor(UserId.of(userId), userId, userId + "@example.org", Set.of());
        caller.set(actor);
        return actor;
    }

    public Actor asPlatformAdmin(String userId) {
        Actor actor = new Actor(UserId.of(userId), userId, userId + "@example.org", Set.of(Actor.PLATFORM_ADMIN));
        caller.set(actor);
        return actor;
    }

    private <T> T seed(Supplier<T> work) {
        Actor previous = null;
        try {
            previous = caller.get();
        } catch (IllegalStateException none) {
            // no caller yet
        }
        asPlatformAdmin("seeder");
        try {
            return work.get();
        } finally {
            caller.set(previous);
        }
    }

    /** An org whose admins are the given users. */
    public OrgId org(String slug, String... adminIds) {
        return seed(() -> orgs.create(new CreateOrgUseCase.Command(slug.toUpperCase(), new Slug(slug),
                Arrays.stream(adminIds).map(UserId::of).toList())).org().id());
    }

    public void joinOrg(OrgId orgId, String userId, OrgRole role) {
        seed(() -> orgMembers.add(new AddOrgMemberUseCase.Command(orgId, UserId.of(userId), role, null, null)));
    }

    public void joinOrg(OrgId orgId, OrgRole role, String... userIds) {
        for (String userId : userIds) {
            joinOrg(orgId, userId, role);
        }
    }

    public Group group(DraftBuilder draft) {
        return seed(() -> groups.create(new CreateGroupUseCase.Command(draft.build())).group());
    }

    /** A group built by the domain alone, owned by {@code seeder}: for kinds the use cases do not create. */
    public Group domainGroup(OrgId orgId, String name, GroupKind kind,
                             Visibility visibility) {
        return Group.create(DraftBuilder.named(name).in(orgId).kind(kind).visibility(visibility).build(),
                UserId.of("seeder"), clock.instant());
    }

    /** Stores a group straight in the repository (dynamic groups cannot be created through the API yet). */
    public Group store(Group group) {
        return tx.inTransaction(() -> groupRepository.save(group));
    }

    public void addMember(GroupId groupId, String userId, GroupRole role) {
        addMember(groupId, userId, role, MembershipStatus.ACTIVE, null);
    }

    public void addMember(GroupId groupId, String userId, GroupRole role, MembershipStatus status,
                          Instant validUntil) {
        seed(() -> members.add(groupId, List.of(new AddGroupMembersUseCase.NewMember(UserId.of(userId), role, status,
                null, validUntil, null))));
    }

    public Optional<Membership> membership(GroupId groupId, String userId) {
        return membershipRepository.find(groupId, UserId.of(userId));
    }

    public Optional<OrgMember> orgMember(OrgId orgId, String userId) {
        return orgMemberRepository.find(orgId, UserId.of(userId));
    }

    public Optional<Group> stored(GroupId groupId) {
        return groupRepository.findById(groupId);
    }

    /** The in-memory ports as the outbound port contracts see them. */
    public PortFixture portFixture() {
        return new PortFixture(tx, tenant, clock, orgRepository, orgMemberRepository, userRepository,
                groupRepository, membershipRepository);
    }

    /** Audit events recorded from now on: call {@link AuditMark#events()} after the use case. */
    public AuditMark auditMark() {
        int from = db.auditEvents().size();
        return () -> db.auditEvents().subList(from, db.auditEvents().size());
    }

    @FunctionalInterface
    public interface AuditMark {
        List<AuditEvent> events();
    }
}
