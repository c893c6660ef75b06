package circles.application.service.membership;

import circles.application.port.in.membership.GetMeUseCase;
import circles.application.port.in.membership.ListMemberGroupsUseCase;
import circles.application.port.in.membership.ListMemberReviewersUseCase;
import circles.application.port.in.membership.MemberGroupsFreshness;
import circles.application.port.in.membership.ListMyGroupsUseCase;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.AnswerStamps;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.assignment.AssignmentService;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.shared.NotFound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Questions about one person: who am I, which groups am I in, who reviews my work. */
public final class MemberGroupsService implements GetMeUseCase, ListMyGroupsUseCase, ListMemberGroupsUseCase,
        ListMemberReviewersUseCase, MemberGroupsFreshness {
    private static final int REVIEWER_SCAN = 500;

    private final UnitOfWork tx;
    private final Access access;
    private final OrgMemberRepository orgMembers;
    private final MembershipRepository memberships;
    private final AnswerStamps stamps;
    private final Clock clock;

    public MemberGroupsService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                               MembershipRepository memberships, AnswerStamps stamps, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.orgMembers = orgMembers;
        this.memberships = memberships;
        this.stamps = stamps;
        this.clock = clock;
    }

    @Override
    public Me me() {
        return tx.inTransaction(() -> {
            Actor actor = access.actor();
            List<OrgRoleView> orgs = orgMembers.membershipsOf(actor.userId()).stream()
                    .filter(membership -> membership.status() == MemberStatus.ACTIVE)
                    .map(membership -> new OrgRoleView(membership.orgId(), membership.orgName(),
                            membership.orgSlug(), membership.role()))
                    .toList();
            return new Me(actor, orgs);
        });
    }

    @Override
    public Page<MembershipRepository.UserGroup> myGroups(PageRequest page) {
        return tx.inTransaction(() -> memberships.groupsOf(access.actor().userId(), null, clock.instant(), page));
    }

    @Override
    public Page<MembershipRepository.UserGroup> groups(OrgId orgId, UserId userId, PageRequest page) {
        return tx.inTransaction(() -> {
            Actor actor = access.actor();
            if (!actor.isDelegated() && actor.userId() != null && !actor.userId().equals(userId)) {
                // The caller's standing and the member's in one query: the two checks below find both loaded.
                orgMembers.findAll(orgId, List.of(actor.userId(), userId));
            }
            AssignmentService.requireSelfOrAdmin(access, orgId, userId);
            requireMember(orgId, userId);
            return memberships.groupsOf(userId, orgId, clock.instant(), page);
        });
    }

    @Override
    public List<Reviewer> reviewers(OrgId orgId, UserId userId) {
        return tx.inTransaction(() -> {
            AssignmentService.requireSelfOrAdmin(access, orgId, userId);
            requireMember(orgId, userId);
            List<Reviewer> reviewers = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            PageRequest page = PageRequest.first(REVIEWER_SCAN);
            while (page != null) {
                Page<MembershipRepository.UserGroup> groups = memberships.groupsOf(userId, orgId, clock.instant(), page);
                for (MembershipRepository.UserGroup entry : groups.items()) {
                    var group = entry.group();
                    if (group.reviewerId() != null && seen.add(group.reviewerId() + "/" + group.id())) {
                        reviewers.add(new Reviewer(group.reviewerId(), group.id(), group.name()));
                    }
                }
                page = groups.nextCursor() == null ? null : new PageRequest(REVIEWER_SCAN, groups.nextCursor());
            }
            return reviewers;
        });
    }

    /**
     * A signed-in user's answers are kept; a caller presenting an org-bound credential (SCIM or API token) acts with
     * its issuer's rights as they are at each call, so its answers are always read afresh.
     */
    @Override
    public Optional<AnswerKey> myGroupsKey(PageRequest page) {
        Actor actor = access.actor();
        return actor.isDelegated() ? Optional.empty() : Optional.of(new AnswerKey(actor.userId(), actor.roles(),
                null, actor.userId(), page.limit(), page.cursor()));
    }

    @Override
    public Optional<AnswerKey> groupsKey(OrgId orgId, UserId userId, PageRequest page) {
        Actor actor = access.actor();
        return actor.isDelegated() ? Optional.empty() : Optional.of(new AnswerKey(actor.userId(), actor.roles(),
                orgId, userId, page.limit(), page.cursor()));
    }

    @Override
    public AnswerStamps.Stamp stamp(AnswerKey key) {
        return stamps.take(key.userId(), key.orgId(), clock.instant());
    }

    /** The stamp is the transaction's first statement, so it is taken before the caller's rights are checked. */
    @Override
    public <T> Stamped<T> stampedRead(AnswerKey key, Supplier<T> read) {
        return tx.inTransaction(() -> {
            AnswerStamps.Stamp stamp = stamps.take(key.userId(), key.orgId(), clock.instant());
            return new Stamped<>(stamp, read.get());
        });
    }

    /** Unchanged when no validity window of the user's memberships was crossed and the log shows no new change. */
    @Override
    public boolean unchanged(AnswerKey key, AnswerStamps.Stamp stamp) {
        if (!stamp.keepable() || (stamp.nextChange() != null && !clock.instant().isBefore(stamp.nextChange()))) {
            return false;
        }
        return stamps.unchanged(key.userId(), key.orgId(), stamp);
    }

    private void requireMember(OrgId orgId, UserId userId) {
        if (orgMembers.find(orgId, userId).isEmpty()) {
            throw new NotFound("org-member", userId);
        }
    }
}
