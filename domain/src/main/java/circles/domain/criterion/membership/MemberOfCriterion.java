package circles.domain.criterion.membership;

import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.group.GroupId;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Active effective membership of another group of the same org (static or dynamic). */
public record MemberOfCriterion(GroupId groupId) implements Criterion {
    public MemberOfCriterion {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public String type() {
        return MemberOfCriterionType.KEY;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("groupId", groupId.toString());
    }

    @Override
    public Outcome matches(Candidate member, EvaluationContext context) {
        boolean matched = context.isMemberOf(groupId, member.userId());
        return Outcome.of(matched, member.userId() + (matched ? " is" : " is not")
                + " an active member of group " + groupId);
    }

    @Override
    public Set<GroupId> referencedGroups() {
        return Set.of(groupId);
    }
}
