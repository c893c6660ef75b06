package circles.application.service.dynamic.engine;

import circles.application.port.in.dynamic.EvaluationView;
import circles.application.port.in.group.GroupView;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.domain.group.Group;
import circles.domain.org.OrgId;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the use cases show of a dynamic group (its stored rule, schedule, member count and the state of its last
 * evaluation), read from the stored definition and refresh state; it evaluates nothing.
 */
public final class DynamicGroupViews {
    private final DynamicGroupDefinitions definitions;
    private final RefreshClaims claims;
    private final Clock clock;

    public DynamicGroupViews(DynamicGroupDefinitions definitions, RefreshClaims claims, Clock clock) {
        this.definitions = definitions;
        this.claims = claims;
        this.clock = clock;
    }

    /** The stored rule of a dynamic group in its canonical form. */
    public Optional<Map<String, Object>> storedRule(Group group) {
        return definitions.rule(group.id(), group.orgIdOrNull());
    }

    /** The refresh interval of a dynamic group, 0 when it refreshes only on demand. */
    public int intervalMinutes(Group group) {
        return claims.state(group.id(), group.orgIdOrNull()).map(RefreshClaims.State::refreshIntervalMinutes)
                .orElse(0);
    }

    /** The dynamic part of a group's view (null for a static group). */
    public GroupView.Dynamic describe(Group group) {
        if (!group.isDynamic() || group.orgIdOrNull() == null) {
            return null;
        }
        OrgId orgId = group.orgIdOrNull();
        Map<String, Object> rule = storedRule(group).orElse(null);
        RefreshClaims.State state = claims.state(group.id(), orgId).orElse(null);
        if (state == null) {
            return new GroupView.Dynamic(rule, 0, new EvaluationView("idle", null, null, null));
        }
        return new GroupView.Dynamic(rule, state.refreshIntervalMinutes(), evaluationOf(state, clock));
    }

    /** The member count of a dynamic group: its snapshot. */
    public long memberCount(Group group) {
        return claims.state(group.id(), group.orgIdOrNull()).map(RefreshClaims.State::memberCount).orElse(0L);
    }

    /** The state of a group's last evaluation, its staleness read from {@code clock}. */
    public static EvaluationView evaluationOf(RefreshClaims.State state, Clock clock) {
        Long staleness = state.lastComputedAt() == null ? null
                : Math.max(0, Duration.between(state.lastComputedAt(), clock.instant()).toSeconds());
        return new EvaluationView(state.status().name().toLowerCase(Locale.ROOT), state.lastComputedAt(),
                staleness, state.lastError());
    }
}
