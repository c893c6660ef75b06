package circles.application.port.in.rule;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.util.List;
import java.util.Objects;

/**
 * Tells what an unsaved rule would select in an org, without saving anything: how many members and the first of
 * them; given a dynamic group of the org, also what saving the rule on that group would change against its current
 * members (the group's overrides applied). Those who may create groups in the org preview any rule; those who
 * manage a dynamic group's settings preview rules for that group.
 */
public interface PreviewRuleUseCase {
    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 100;

    /**
     * {@code rule} is the document as plain Java values (either accepted form); {@code groupId} may be null;
     * {@code limit} (1 to {@value PreviewRuleUseCase#MAX_LIMIT}) bounds the page and each sample.
     */
    record Query(OrgId orgId, Object rule, GroupId groupId, int limit) {
        public Query {
            Require.present(orgId, "orgId");
            Require.present(rule, "rule");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw RuleViolation.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }

        /** {@code limit} null means {@value PreviewRuleUseCase#DEFAULT_LIMIT}. */
        public Query(OrgId orgId, Object rule, GroupId groupId, Integer limit) {
            this(orgId, rule, groupId, limit == null ? DEFAULT_LIMIT : limit.intValue());
        }
    }

    /** An org member as a preview shows them; name and email are null when the profile has none. */
    record Person(UserId userId, String displayName, String email) {
        public Person {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** How many members saving the rule would add (or remove), and the first of them in user id order. */
    record Change(long count, List<Person> sample) {
        public Change {
            sample = List.copyOf(sample);
        }
    }

    /**
     * {@code count} members (after the group's overrides when a group was given), the first of them in user id
     * order; {@code added}, {@code removed} and {@code unchanged} only when a group was given (null otherwise).
     */
    record Preview(long count, List<Person> items, Change added, Change removed, Long unchanged) {
        public Preview {
            items = List.copyOf(items);
        }
    }

    Preview preview(Query query);
}
