package circles.adapter.out.persistence.sql;

import circles.adapter.out.persistence.member.OrgMemberJpaEntity;
import circles.adapter.out.persistence.membership.GroupMemberJpaEntity;
import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.domain.shared.Conflict;
import circles.domain.shared.DomainException;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import jakarta.persistence.EntityExistsException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns database failures into domain exceptions, so that no persistence exception crosses a port. They arise when
 * two requests race past a use case's own checks (the same slug twice at once) or when a check is missing:
 * the constraints of the schema are the last word. Failures that pass by themselves (a lost connection, a timeout,
 * a serialization failure or deadlock...) become {@link TemporarilyUnavailable}, see {@link TransientFailures}.
 * Failures without a meaning for the caller pass unchanged.
 */
public final class PersistenceFailures {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String CHECK_VIOLATION = "23514";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** The states translated below; a failure with any other state may still be a passing one. */
    private static final Set<String> MEANINGFUL_STATES = Set.of(UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION,
            CHECK_VIOLATION, NOT_NULL_VIOLATION, INSUFFICIENT_PRIVILEGE);

    private static final Map<String, Conflict> DUPLICATES = Map.of(
            "orgs_slug_key", new Conflict("org-slug-taken", "an org with this slug exists already"),
            "groups_org_name_key", new Conflict("group-name-taken", "a group with this name exists in this org already"),
            "groups_org_slug_key", new Conflict("group-slug-taken", "slug is taken in this scope"),
            "groups_standalone_slug_key", new Conflict("group-slug-taken", "slug is taken in this scope"),
            "org_members_pkey", new Conflict("org-member-exists", "the user is a member of the org already"),
            "group_members_pkey", new Conflict("group-member-exists", "the user is a member of the group already"),
            "assignments_resource_key", new Conflict("assignment-exists",
                    "the resource is assigned to the group already"),
            "groups_org_preset_key", new Conflict("default-group-exists",
                    "the org has this default group already"));

    /** The primary key constraint of each entity, for duplicates the session itself notices. */
    private static final Map<String, String> DUPLICATE_KEYS = Map.of(
            OrgMemberJpaEntity.class.getName(), "org_members_pkey",
            GroupMemberJpaEntity.class.getName(), "group_members_pkey");

    private PersistenceFailures() {
    }

    /** The domain meaning of a failure, or the failure itself when it has none. */
    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof DomainException || failure instanceof TemporarilyUnavailable) {
            return failure;
        }
        if (failure instanceof EntityExistsException) {
            // A new row whose key this transaction has read already: the same duplicate, caught before the insert.
            return DUPLICATE_KEYS.entrySet().stream()
                    .filter(entry -> String.valueOf(failure.getMessage()).contains(entry.getKey()))
                    .findFirst().map(entry -> duplicate(entry.getValue()))
                    .orElseGet(() -> new Conflict("duplicate", "the change would create a duplicate"));
        }
        SQLException sql = sqlCause(failure);
        if (sql == null || sql.getSQLState() == null || !MEANINGFUL_STATES.contains(sql.getSQLState())) {
            // Nothing the caller did wrong; it may still pass by itself, which can show anywhere in the chain (the
            // transaction timeout shows at commit as a rollback without any SQL state).
            return TransientFailures.of(failure).map(RuntimeException.class::cast).orElse(failure);
        }
        String constraint = constraintOf(sql);
        return switch (sql.getSQLState()) {
            case UNIQUE_VIOLATION -> duplicate(constraint);
            case FOREIGN_KEY_VIOLATION -> stillReferenced(sql) ? new Conflict("still-referenced",
                    "something still refers to what the change would remove (" + constraint + ")")
                    : missingReference(constraint);
            case CHECK_VIOLATION, NOT_NULL_VIOLATION -> new RuleViolation("constraint-violated",
                    "the change breaks the rule '" + (constraint == null ? "not null" : constraint) + "'");
            case INSUFFICIENT_PRIVILEGE -> new IllegalStateException(
                    "row-level security refused a write outside the transaction's org", failure);
            default -> failure;
        };
    }

    private static Conflict duplicate(String constraint) {
        Conflict known = constraint == null ? null : DUPLICATES.get(constraint);
        // A fresh exception each time: the stack trace should point at this failure.
        return known != null ? new Conflict(known.code(), known.getMessage())
                : new Conflict("duplicate", "the change would create a duplicate (" + constraint + ")");
    }

    private static RuleViolation missingReference(String constraint) {
        if (constraint == null) {
            return new RuleViolation("reference-missing", "the change refers to something that does not exist");
        }
        return switch (constraint) {
            case "group_members_org_member_fk" -> new RuleViolation("not-an-org-member",
                    "only members of the group's org can be members of its groups",
                    List.of(new FieldError("userId", "is not a member of the group's org")));
            case "groups_reviewer_fk" -> RuleViolation.invalidField("reviewerId", "must be a member of the group's org");
            case "groups_parent_fk" -> RuleViolation.invalidField("parentId",
                    "the parent must exist and belong to the same org as the group");
            case "org_members_manager_fk" -> RuleViolation.invalidField("managerId", "must be a member of the same org");
            case "group_members_group_fk", "assignments_group_fk" -> new RuleViolation("group-missing",
                    "the group does not exist (any more) or belongs to another org");
            default -> new RuleViolation("reference-missing",
                    "the change refers to something that does not exist (" + constraint + ")");
        };
    }

    /** A delete of a row others still refer to, rather than a reference to a missing row. */
    private static boolean stillReferenced(SQLException sql) {
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            String detail = psql.getServerErrorMessage().getDetail();
            return detail != null && detail.contains("still referenced");
        }
        return false;
    }

    /** The SQL failure behind {@code failure}, if any. */
    private static SQLException sqlCause(Throwable failure) {
        return FailureCauses.first(failure, next -> next instanceof SQLException sql
                ? Optional.of(sql) : Optional.<SQLException>empty()).orElse(null);
    }

    private static String constraintOf(SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
            if (next instanceof PSQLException psql) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                if (message != null && message.getConstraint() != null) {
                    return message.getConstraint();
                }
            }
        }
        return null;
    }
}
