package circles.application.service.dynamic;

import circles.application.port.in.dynamic.RunScheduledRefreshesUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.domain.group.GroupId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduled refresh: claims due dynamic groups a few at a time (one short transaction per batch, committed, so
 * other instances skip them), then evaluates each in a transaction of its own with the cause {@code schedule} and
 * sets its next due time. A failing group is marked failed and retried after its interval; the others go on. The
 * claims of a batch are renewed until each group's evaluation ends.
 */
public final class ScheduledRefreshService implements RunScheduledRefreshesUseCase {
    /** Bounds one run, so that a run always ends; what is left is due at the next run. */
    static final int MAX_BATCHES_PER_RUN = 100;

    private final UnitOfWork tx;
    private final RefreshClaims claims;
    private final RefreshSettings settings;
    private final RefreshClaimRenewalService heldClaims;
    private final ClaimedRefresh refresh;
    private final Clock clock;

    public ScheduledRefreshService(UnitOfWork tx, TenantScope tenant, GroupRepository groups, RefreshClaims claims,
                                   DynamicGroupEngine engine, RefreshClaimRenewalService heldClaims,
                                   RefreshSettings settings, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.claims = claims;
        this.settings = settings;
        this.heldClaims = heldClaims;
        this.refresh = new ClaimedRefresh(tx, tenant, groups, claims, engine, heldClaims, auditLog, clock);
        this.clock = clock;
    }

    @Override
    public Report runDue() {
        List<GroupId> evaluated = new ArrayList<>();
        List<GroupId> failed = new ArrayList<>();
        int batch = Math.max(1, settings.claimBatch());
        for (int round = 0; round < MAX_BATCHES_PER_RUN; round++) {
            List<RefreshClaims.Claim> claimed = tx.inTransaction(() ->
                    claims.claimDue(clock.instant(), settings.lease(), batch));
            // The whole batch is held from its claim: the last group may wait for the others' evaluations.
            claimed.forEach(refresh::hold);
            try {
                for (RefreshClaims.Claim claim : claimed) {
                    try {
                        refresh.run(claim, MembershipHistory.Cause.SCHEDULE, null)
                                .ifPresent(result -> evaluated.add(claim.groupId()));
                    } catch (RuntimeException failure) {
                        failed.add(claim.groupId());
                    }
                }
            } finally {
                // Should the run stop early (an Error), its untouched claims run out instead of being renewed on.
                claimed.forEach(heldClaims::letGo);
            }
            if (claimed.size() < batch) {
                break;
            }
        }
        return new Report(evaluated, failed);
    }
}
