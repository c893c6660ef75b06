package circles.application.service.dynamic.engine;

import circles.application.service.rule.RuleValidationService;
import circles.domain.group.Group;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;

/**
 * What a request about a dynamic group must satisfy before anything is evaluated (a rule, an interval in range, a
 * group that is dynamic and belongs to an org), and the schedule arithmetic the refreshes share. Pure: no port.
 */
public final class DynamicGroupChecks {
    /**
     * The lease of a claim taken and ended in one transaction (a dependent of an evaluation, a group an event
     * re-evaluates). Its length never counts: until that transaction's commit, which also ends the claim, other
     * claimers skip or wait for the group's row it locks, so nothing renews it either.
     */
    public static final Duration IN_TRANSACTION_LEASE = Duration.ofMinutes(10);
    private static final int MAX_INTERVAL_MINUTES = 10_080;

    private DynamicGroupChecks() {
    }

    /** A rule as given on a request, validated; the field errors point into {@code rule}. */
    public static Rule parse(RuleValidationService rules, Object document) {
        if (document == null) {
            throw RuleViolation.invalidField("rule", "a dynamic group needs a rule");
        }
        return rules.parse(document);
    }

    public static int interval(Integer minutes) {
        if (minutes == null) {
            return 0;
        }
        if (minutes < 0 || minutes > MAX_INTERVAL_MINUTES) {
            throw RuleViolation.invalidField("refreshIntervalMinutes", "must be between 0 and " + MAX_INTERVAL_MINUTES);
        }
        return minutes;
    }

    /** When a group refreshed at {@code now} is due again (null: only on demand). */
    public static Instant next(int intervalMinutes, Instant now) {
        return intervalMinutes == 0 ? null : now.plus(Duration.ofMinutes(intervalMinutes));
    }

    public static OrgId requireDynamic(Group group) {
        if (!group.isDynamic()) {
            throw new RuleViolation("group-not-dynamic", "group " + group.id() + " is static: it has no rule");
        }
        return requireOrg(group);
    }

    static OrgId requireOrg(Group group) {
        if (group.orgIdOrNull() == null) {
            throw RuleViolation.invalidField("orgId", "dynamic groups belong to an org");
        }
        return group.orgIdOrNull();
    }
}
