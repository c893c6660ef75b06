package circles.application.port.in.rule;

import circles.domain.group.GroupId;
import circles.domain.shared.Require;

import java.util.Map;
import java.util.Set;

/**
 * Reads a rule in either accepted form (the tree or the flat form), checks every criterion configuration against its
 * type's JSON Schema and the type's own rules, and returns the rule in canonical form. An invalid rule is a {@link
 * circles.domain.shared.RuleViolation} ({@code rule-invalid}, or {@code regex-too-complex} when its only problems are
 * regular expressions over the size bound) whose field errors are JSON pointers into the rule as given.
 */
public interface ValidateRuleUseCase {

    /** {@code rule} is the document as plain Java values ({@code Map}, {@code List}, scalars). */
    record ValidateRuleCommand(Object rule) {
        public ValidateRuleCommand {
            Require.present(rule, "rule");
        }
    }

    /**
     * The rule in canonical form with its shape: how many criteria, how deep, which groups it reads through
     * {@code member_of}, and whether every criterion is absolute (re-checkable per member on a change).
     */
    record ValidatedRule(Map<String, Object> canonical, int criteria, int depth, Set<GroupId> referencedGroups,
                         boolean absolute) {
        public ValidatedRule {
            referencedGroups = Set.copyOf(referencedGroups);
        }
    }

    ValidatedRule validate(ValidateRuleCommand command);
}
