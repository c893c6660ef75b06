package circles.domain.criterion.reporting;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The direct reports of a manager, or with {@code includeNested} everyone below them at any depth. The manager is
 * named by user id or email and resolved against the org when the rule is evaluated.
 */
public record ReportsToCriterion(String managerId, boolean includeNested) implements Criterion {
    public ReportsToCriterion {
        Objects.requireNonNull(managerId, "managerId");
    }

    @Override
    public String type() {
        return ReportsToCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("managerId", managerId);
        config.put("includeNested", includeNested);
        return config;
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        Optional<UserId> manager = context.resolveMember(managerId);
        if (manager.isEmpty()) {
            return Outcome.of(false, "no org member is " + managerId + ", so nobody reports to them");
        }
        UserId target = manager.get();
        String named = target.value().equals(managerId) ? managerId : managerId + " (" + target + ")";
        List<UserId> chain = context.managerChain(member.userId());
        String shown = chain.isEmpty() ? "no manager"
                : "chain " + chain.stream().map(UserId::value).collect(Collectors.joining(" > "));
        int level = chain.indexOf(target) + 1;
        boolean matched = includeNested ? level > 0 : level == 1;
        String where = level == 0 ? named + " is not in the chain"
                : level == 1 ? named + " is the direct manager"
                : named + " is " + level + " levels up" + (includeNested ? "" : " (only direct reports count)");
        return Outcome.of(matched, member.userId() + ": " + shown + "; " + where);
    }
}
