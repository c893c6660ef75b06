package circles.application.port.out.dynamic;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The set-based evaluation path of a rule for large orgs: the store finds the org's active members that a rule
 * selects, with exactly the answer of the in-memory {@link circles.domain.rule.RuleEvaluator}. Call it inside a
 * unit of work.
 */
public interface RuleMemberQuery {
    /**
     * Whether this query evaluates every criterion of the rule; a rule it does not support (one with
     * {@code member_of}, or with a criterion type it does not know) is evaluated in memory.
     */
    boolean supports(Rule rule);

    /**
     * The active members of the org that the rule selects, judged now.
     *
     * @throws IllegalArgumentException when the rule is not {@linkplain #supports(Rule) supported}
     */
    Set<UserId> members(OrgId orgId, Rule rule);

    /** How many active members of the org the rule selects (for previews), without loading them. */
    long count(OrgId orgId, Rule rule);

    /** {@link #members(OrgId, Rule)} judged at {@code now} (activity criteria count back from it). */
    Set<UserId> members(OrgId orgId, Rule rule, Instant now);

    /** {@link #count(OrgId, Rule)} judged at {@code now}. */
    long count(OrgId orgId, Rule rule, Instant now);

    /**
     * The first {@code limit} of the {@linkplain #members(OrgId, Rule, Instant) members} at {@code now}, in user id
     * order as {@link String#compareTo} orders them (a preview's first page). Stores override this so that a page
     * does not load the whole answer.
     */
    default List<UserId> firstMembers(OrgId orgId, Rule rule, Instant now, int limit) {
        return members(orgId, rule, now).stream().sorted().limit(limit).toList();
    }
}
