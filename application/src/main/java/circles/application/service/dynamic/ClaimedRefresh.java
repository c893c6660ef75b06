package circles.application.service.dynamic;

import circles.application.port.in.dynamic.EvaluationFailed;
import circles.application.port.in.dynamic.EvaluationView;
import circles.application.port.in.dynamic.GroupEvaluationView;
import circles.application.port.in.dynamic.RefreshGroupUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.audit.Audit;
import circles.application.service.dynamic.engine.DynamicGroupChecks;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.dynamic.engine.DependentEvaluationFailed;
import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupStatus;
import circles.domain.org.OrgId;
import circles.domain.shared.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One refresh of a dynamic group that its caller has claimed (and committed the claim of): the evaluation runs in a
 * transaction of its own, which also ends the claim (idle, next due after the group's interval). When that
 * transaction fails it rolls back, so the members stay as they were, and a second transaction ends the claim as
 * failed with a short reason that is safe to show to whoever sees the group: a business rejection's own message,
 * or for anything unexpected an incident number whose details (the stack trace) go to the log only.
 *
 * <p>From the claim's commit until its end the claim is held: this instance renews its lease. Should the lease run
 * out all the same (the instance was stalled longer than the lease) and another claimer take the group over, the
 * release finds the claim gone and leaves the group's evaluation state to the new holder.
 */
final class ClaimedRefresh {
    /** The longest reason kept as {@code lastError}. */
    static final int MAX_REASON = 500;
    private static final System.Logger LOG = System.getLogger(ClaimedRefresh.class.getName());

    private final UnitOfWork tx;
    private final TenantScope tenant;
    private final GroupRepository groups;
    private final RefreshClaims claims;
    private final DynamicGroupEngine engine;
    private final RefreshClaimRenewalService heldClaims;
    private final Audit audit;
    private final Clock clock;

    ClaimedRefresh(UnitOfWork tx, TenantScope tenant, GroupRepository groups, RefreshClaims claims,
                   DynamicGroupEngine engine, RefreshClaimRenewalService heldClaims, AuditLog auditLog,
                   Clock clock) {
        this.tx = tx;
        this.tenant = tenant;
        this.groups = groups;
        this.claims = claims;
        this.engine = engine;
        this.heldClaims = heldClaims;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    /** The claim is committed: its lease is renewed from now until {@link #run} or {@link #abandon} ends it. */
    void hold(RefreshClaims.Claim claim) {
        heldClaims.hold(claim);
    }

    /**
     * Evaluates the claimed group with {@code cause} and its dependents, and ends the claim. Empty when the group
     * went away, or was archived, after it was claimed. {@code requestedBy} is recorded in the audit trail (null for
     * the schedule, which changes nothing but the members, whose history says why). A failure is recorded as
     * described above and then thrown: a business rejection as it is, anything else as {@link EvaluationFailed}.
     */
    Optional<RefreshGroupUseCase.Result> run(RefreshClaims.Claim claim, MembershipHistory.Cause cause,
                                             Actor requestedBy) {
        try {
            return tx.inTransaction(() -> evaluate(claim, cause, requestedBy));
        } catch (RuntimeException failure) {
            String reason = reasonFor(claim.groupId(), failure);
            markFailed(claim, reason);
            if (failure instanceof DomainException rejection) {
                throw rejection;
            }
            throw new EvaluationFailed(reason, failure);
        } finally {
            heldClaims.letGo(claim);
        }
    }

    /**
     * Ends a claim whose work will not run after all: the evaluation block goes back to what it was (failed with the
     * previous reason, or idle), and the group stays due, so that the scheduled refresh (of any instance) does the
     * refresh that was asked for.
     */
    void abandon(RefreshClaims.Claim claim) {
        try {
            tx.run(() -> {
                tenant.enter(claim.orgId());
                claims.state(claim.groupId(), claim.orgId()).ifPresent(state -> claims.release(claim,
                        state.lastError(), state.nextRefreshAt()));
            });
        } finally {
            heldClaims.letGo(claim);
        }
    }

    /** The evaluation state of a dynamic group, in the current transaction. */
    GroupEvaluationView view(GroupId groupId, OrgId orgId) {
        RefreshClaims.State state = claims.state(groupId, orgId).orElseThrow(() ->
                new IllegalStateException("dynamic group " + groupId + " has no evaluation state"));
        EvaluationView evaluation = DynamicGroupViews.evaluationOf(state, clock);
        return new GroupEvaluationView(groupId, evaluation, state.memberCount(), state.refreshIntervalMinutes(),
                state.nextRefreshAt(), state.status() == RefreshClaims.Status.EVALUATING
                ? state.evaluationStartedAt() : null);
    }

    private Optional<RefreshGroupUseCase.Result> evaluate(RefreshClaims.Claim claim, MembershipHistory.Cause cause,
                                                          Actor requestedBy) {
        GroupId groupId = claim.groupId();
        OrgId orgId = claim.orgId();
        tenant.enter(orgId);
        Instant now = clock.instant();
        Optional<Group> found = groups.findById(groupId).filter(group -> group.isDynamic()
                && orgId.equals(group.orgIdOrNull()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int interval = claims.state(groupId, orgId).map(RefreshClaims.State::refreshIntervalMinutes).orElse(0);
        Group group = found.get();
        if (group.status() != GroupStatus.ACTIVE) {
            claims.release(claim, null, DynamicGroupChecks.next(interval, now));
            return Optional.empty();
        }
        DynamicMembersStore.Diff diff = engine.evaluateWithDependents(group,
                engine.storedRuleOf(group), cause, now);
        if (!claims.release(claim, null, DynamicGroupChecks.next(interval, now))) {
            // The members written here are a complete evaluation as of now; the group's state is the new holder's.
            LOG.log(System.Logger.Level.WARNING, "the claim of group " + groupId + " ran out while it was evaluated"
                    + " and was taken over; its evaluation state is left to the new claimer");
        }
        if (requestedBy != null) {
            audit.record(requestedBy, orgId, "group.refreshed", "group", groupId, Map.of(
                    "added", diff.added().size(), "removed", diff.removed().size(),
                    "memberCount", diff.memberCount()));
        }
        RefreshClaims.State state = claims.state(groupId, orgId).orElseThrow();
        return Optional.of(new RefreshGroupUseCase.Result(DynamicGroupViews.evaluationOf(state, clock),
                diff.memberCount(), diff.added().size(), diff.removed().size(), diff.unchanged()));
    }

    /**
     * Records the failure in a transaction of its own (the evaluation's rolled back). Should that fail too, the claim
     * runs out with its lease and the group can be evaluated again then.
     */
    private void markFailed(RefreshClaims.Claim claim, String reason) {
        try {
            tx.run(() -> {
                tenant.enter(claim.orgId());
                int interval = claims.state(claim.groupId(), claim.orgId())
                        .map(RefreshClaims.State::refreshIntervalMinutes).orElse(0);
                claims.release(claim, reason, DynamicGroupChecks.next(interval, clock.instant()));
                engine.evaluationFailed(claim.orgId(), claim.groupId(), reason);
            });
        } catch (RuntimeException markingFailed) {
            LOG.log(System.Logger.Level.WARNING, "could not mark the evaluation of group " + claim.groupId()
                    + " failed; its claim ends with its lease", markingFailed);
        }
    }

    /** A short reason, safe to show: no stack trace, no SQL, no data of other orgs. */
    static String reasonFor(GroupId groupId, RuntimeException failure) {
        if (failure instanceof DependentEvaluationFailed dependent) {
            return shorten(dependent.getMessage() + ": " + reasonFor(dependent.dependent(),
                    (RuntimeException) dependent.getCause()));
        }
        if (failure instanceof DomainException rejection) {
            return shorten(rejection.getMessage());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "evaluating dynamic group " + groupId + " failed (incident " + incident
                + ")", failure);
        return "the evaluation failed unexpectedly (incident " + incident + "); the members stay as they were";
    }

    private static String shorten(String reason) {
        String text = reason == null || reason.isBlank() ? "the evaluation failed" : reason.strip();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
