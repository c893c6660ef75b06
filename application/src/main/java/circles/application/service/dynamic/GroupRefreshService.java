package circles.application.service.dynamic;

import circles.application.port.in.dynamic.EvaluationFailed;
import circles.application.port.in.dynamic.GetGroupEvaluationUseCase;
import circles.application.port.in.dynamic.GroupEvaluationView;
import circles.application.port.in.dynamic.RefreshGroupUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.BackgroundWork;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.engine.DynamicGroupChecks;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;

import java.time.Clock;

/**
 * Manual refreshes of dynamic groups and their evaluation state. Unlike most use cases a refresh is more than one
 * transaction (docs/adr/0011): the first checks the caller's rights and claims the group, committing the claim so
 * that every instance sees the group as {@code evaluating} (a second refresh is a conflict, the schedule skips it);
 * the evaluation then runs in its own transaction, in the caller's thread for orgs up to the configured size and in
 * the background above it. The claim's lease is renewed from its commit until the evaluation ends, also while the
 * work waits for a background thread.
 */
public final class GroupRefreshService implements RefreshGroupUseCase, GetGroupEvaluationUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final OrgRepository orgs;
    private final RefreshClaims claims;
    private final BackgroundWork background;
    private final RefreshSettings settings;
    private final ClaimedRefresh refresh;
    private final Clock clock;

    public GroupRefreshService(UnitOfWork tx, Access access, TenantScope tenant, GroupRepository groups,
                               OrgRepository orgs, RefreshClaims claims, DynamicGroupEngine engine,
                               RefreshClaimRenewalService heldClaims, BackgroundWork background,
                               RefreshSettings settings, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.orgs = orgs;
        this.claims = claims;
        this.background = background;
        this.settings = settings;
        this.refresh = new ClaimedRefresh(tx, tenant, groups, claims, engine, heldClaims, auditLog, clock);
        this.clock = clock;
    }

    /** A committed claim, and whether its evaluation goes to the background (with the state to answer then). */
    private record Claimed(RefreshClaims.Claim claim, GroupEvaluationView startedInBackground) {
    }

    @Override
    public Outcome refresh(GroupId groupId) {
        Actor actor = access.actor();
        Claimed claimed = tx.inTransaction(() -> {
            Group group = access.requireSettingsRight(groupId).group();
            OrgId orgId = DynamicGroupChecks.requireDynamic(group);
            group.requireActive("a refresh");
            RefreshClaims.Claim claim = claims.claim(groupId, orgId, clock.instant(), settings.lease())
                    .orElseThrow(() -> new Conflict("group-evaluating",
                            "group " + groupId + " is being evaluated right now; try again when it is done"));
            boolean large = orgs.memberCount(orgId) > settings.syncMemberLimit();
            return new Claimed(claim, large ? refresh.view(groupId, orgId) : null);
        });
        refresh.hold(claimed.claim());
        if (claimed.startedInBackground() == null) {
            return refresh.run(claimed.claim(), MembershipHistory.Cause.MANUAL_REFRESH, actor).orElseThrow(() ->
                    new NotFound("group", groupId));
        }
        if (!background.submit(() -> runInBackground(claimed.claim(), actor))) {
            refresh.abandon(claimed.claim());
            throw new EvaluationFailed("this instance is shutting down and starts no background refresh;"
                    + " try again", null);
        }
        return new Accepted(claimed.startedInBackground());
    }

    private void runInBackground(RefreshClaims.Claim claim, Actor actor) {
        try {
            refresh.run(claim, MembershipHistory.Cause.MANUAL_REFRESH, actor);
        } catch (RuntimeException failed) {
            // Recorded on the group (failed, lastError) and, when unexpected, logged with its incident number.
        }
    }

    @Override
    public GroupEvaluationView evaluation(GroupId groupId) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            return refresh.view(groupId, DynamicGroupChecks.requireDynamic(group));
        });
    }
}
