package circles.domain.rule;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.rule.Evaluation.NodeOutcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a rule in memory: for one member (the incremental path of event-driven freshness), with every node
 * explained (what {@code explain} serves), or over a set of members (tests and small orgs). Only active org
 * members are ever members.
 */
public final class RuleEvaluator {

    /** Whether the member is in the rule's group; stops at the first deciding part. */
    public boolean isMember(Rule rule, UserId userId, EvaluationContext context) {
        Optional<Candidate> candidate = context.candidate(userId);
        return candidate.isPresent() && candidate.get().isActive() && holds(rule, candidate.get(), context);
    }

    /** The members among {@code userIds} (ids that name no org member are left out). */
    public Set<UserId> members(Rule rule, Collection<UserId> userIds, EvaluationContext context) {
        Set<UserId> members = new LinkedHashSet<>();
        for (UserId userId : userIds) {
            if (isMember(rule, userId, context)) {
                members.add(userId);
            }
        }
        return members;
    }

    /** Every node judged for one person, with the reason for the verdict. */
    public Evaluation explain(Rule rule, UserId userId, EvaluationContext context) {
        Optional<Candidate> found = context.candidate(userId);
        if (found.isEmpty()) {
            return new Evaluation(false, userId + " is not a member of the org", List.of());
        }
        Candidate candidate = found.get();
        List<NodeOutcome> nodes = new ArrayList<>();
        boolean matched = explain(rule, "", candidate, context, nodes);
        if (!candidate.isActive()) {
            return new Evaluation(false, userId + " is " + candidate.status().name().toLowerCase()
                    + " in the org: only active org members are members", nodes);
        }
        return new Evaluation(matched, matched ? "the rule matches" : "the rule does not match", nodes);
    }

    private boolean holds(Rule rule, Candidate candidate, EvaluationContext context) {
        return switch (rule) {
            case Rule.All all -> all.rules().stream().allMatch(part -> holds(part, candidate, context));
            case Rule.Any any -> any.rules().stream().anyMatch(part -> holds(part, candidate, context));
            case Rule.Not not -> !holds(not.rule(), candidate, context);
            case Rule.Leaf leaf -> leaf.criterion().matches(candidate, context).matched();
        };
    }

    private boolean explain(Rule rule, String path, Candidate candidate, EvaluationContext context,
                            List<NodeOutcome> nodes) {
        int slot = nodes.size();
        switch (rule) {
            case Rule.All all -> {
                nodes.add(null);
                int matched = parts(all.rules(), path + "/all", candidate, context, nodes);
                boolean result = matched == all.rules().size();
                nodes.set(slot, new NodeOutcome(path, "all", result,
                        matched + " of " + all.rules().size() + " parts match; all must"));
                return result;
            }
            case Rule.Any any -> {
                nodes.add(null);
                int matched = parts(any.rules(), path + "/any", candidate, context, nodes);
                boolean result = matched > 0;
                nodes.set(slot, new NodeOutcome(path, "any", result,
                        matched + " of " + any.rules().size() + " parts match; at least one must"));
                return result;
            }
            case Rule.Not not -> {
                nodes.add(null);
                boolean inner = explain(not.rule(), path + "/not", candidate, context, nodes);
                nodes.set(slot, new NodeOutcome(path, "not", !inner,
                        "the negated part " + (inner ? "matches" : "does not match")));
                return !inner;
            }
            case Rule.Leaf leaf -> {
                Outcome outcome = leaf.criterion().matches(candidate, context);
                nodes.add(new NodeOutcome(path, leaf.criterion().type(), outcome.matched(), outcome.detail()));
                return outcome.matched();
            }
        }
    }

    private int parts(List<Rule> parts, String path, Candidate candidate, EvaluationContext context,
                      List<NodeOutcome> nodes) {
        int matched = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (explain(parts.get(i), path + "/" + i, candidate, context, nodes)) {
                matched++;
            }
        }
        return matched;
    }
}
