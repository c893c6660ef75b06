package circles.application.service.dynamic;

import circles.domain.criterion.AllMembersCriterion;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.activity.ActivityScoreCriterion;
import circles.domain.criterion.activity.InactiveForCriterion;
import circles.domain.criterion.activity.LastActiveWithinCriterion;
import circles.domain.criterion.attribute.AttributeCriterion;
import circles.domain.criterion.attribute.AttributeOperator;
import circles.domain.criterion.membership.MemberOfCriterion;
import circles.domain.criterion.reporting.ReportsToCriterion;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.rule.Rule;

/**
 * What a rule reads besides a member's own profile, so that a change of shared data (a master-data tree, a
 * reporting line) finds the groups it concerns. Criteria of types this class does not know might read anything,
 * so they count as reading everything: such a group is re-evaluated once too often rather than left stale.
 */
final class RuleReads {
    private RuleReads() {
    }

    /** Whether the rule tests positions in the tree of {@code kind} ({@code is_under}, {@code is_not_under}). */
    static boolean tree(Rule rule, MasterDataKind kind) {
        return rule.criteria().stream().anyMatch(criterion -> switch (criterion) {
            case AttributeCriterion attribute -> attribute.field().treeKind().filter(kind::equals).isPresent()
                    && (attribute.operator() == AttributeOperator.IS_UNDER
                    || attribute.operator() == AttributeOperator.IS_NOT_UNDER);
            case ReportsToCriterion ignored -> false;
            default -> unknown(criterion);
        });
    }

    /** Whether the rule follows reporting lines above the member ({@code reports_to}). */
    static boolean reportingLines(Rule rule) {
        return rule.criteria().stream().anyMatch(criterion -> switch (criterion) {
            case ReportsToCriterion ignored -> true;
            case AttributeCriterion ignored -> false;
            default -> unknown(criterion);
        });
    }

    /**
     * Whether the rule reads activity: the recency criteria (latest event or {@code lastLoginAt}) and activity
     * scores. Attribute rules cannot name {@code lastLoginAt}, so an ingestion changes nothing they read.
     */
    static boolean activity(Rule rule) {
        return rule.criteria().stream().anyMatch(criterion -> switch (criterion) {
            case LastActiveWithinCriterion ignored -> true;
            case InactiveForCriterion ignored -> true;
            case ActivityScoreCriterion ignored -> true;
            case AttributeCriterion ignored -> false;
            case ReportsToCriterion ignored -> false;
            default -> unknown(criterion);
        });
    }

    private static boolean unknown(Criterion criterion) {
        return !(criterion instanceof MemberOfCriterion || criterion instanceof AllMembersCriterion);
    }
}
