package circles.adapter.out.persistence.sql;

import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.idempotency.IdempotencyStore;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the persistence tests share: the ports (served by the PostgreSQL adapter), a transaction per step, and
 * builders of committed test data. Every test makes its own orgs, users and groups with fresh names, because all
 * tests share one database.
 */
public abstract class PersistenceTest {
    @Inject
    protected UnitOfWork unitOfWork;
    @Inject
    protected TenantScope tenant;
    @Inject
    protected OrgRepository orgs;
    @Inject
    protected OrgMemberRepository orgMembers;
    @Inject
    protected UserRepository users;
    @Inject
    protected GroupRepository groups;
    @Inject
    protected MembershipRepository memberships;
    @Inject
    protected AssignmentRepository assignments;
    @Inject
    protected AuditLog auditLog;
    @Inject
    protected IdempotencyStore idempotency;

    /** Now, at the precision the database keeps. */
    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static UserId user(String prefix) {
        return new UserId(unique(prefix));
    }

    /** Runs one step in a transaction of its own, committed unless it throws. */
    protected static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    protected static void inTx(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }

    protected Organization newOrg() {
        String slug = unique("org");
        return tx(() -> orgs.save(Organization.create("Org " + slug, new Slug(slug), now())));
    }

    protected OrgMember newOrgMember(OrgId orgId, UserId userId, OrgRole role) {
        return tx(() -> {
            users.ensureExist(List.of(userId));
            return orgMembers.save(OrgMember.join(orgId, userId, role, MemberProfile.named(null, null), now()));
        });
    }

    protected Group newGroup(OrgId orgId, String name, Group parent, Visibility visibility) {
        return newGroup(orgId, name, parent, visibility, new UserId("owner"), now(), null);
    }

    protected Group newGroup(OrgId orgId, String name, Group parent, Visibility visibility, UserId owner, Instant createdAt,
                   Instant expiresAt) {
        GroupType type = orgId == null ? GroupType.STANDALONE : GroupType.PROJECT;
        Group.Draft draft = new Group.Draft(orgId, new GroupDescription(name, "About " + name, null, null, null),
                null, type, GroupKind.STATIC, parent == null ? null : parent.id(), visibility, null, null, null,
                expiresAt);
        return tx(() -> groups.save(Group.create(draft, owner, createdAt)));
    }

    protected Membership join(Group group, UserId userId, GroupRole role, MembershipStatus status) {
        Membership membership = Membership.start(group, userId, Membership.Terms.of(role, status), null, now());
        inTx(() -> memberships.save(membership));
        return membership;
    }

    protected Membership join(Group group, UserId userId, Membership.Terms terms) {
        Membership membership = Membership.start(group, userId, terms, null, now());
        inTx(() -> memberships.save(membership));
        return membership;
    }
}
