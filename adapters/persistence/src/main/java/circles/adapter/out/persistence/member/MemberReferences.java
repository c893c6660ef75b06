package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A member named in a rule (a manager of {@code reports_to}, say) by user id or by email, resolved in SQL exactly as
 * the in-memory evaluation's {@code OrgSnapshot.resolveMember} does: a member's user id wins, else the lowest user id
 * whose email matches once stripped and lower-cased. Shared by the set-based rule query and the member index.
 */
public final class MemberReferences {
    /** The ASCII characters {@link String#strip()} strips, for {@code btrim} to strip the same. */
    public static final String ASCII_WHITESPACE = " \t\n\u000B\f\r\u001C\u001D\u001E\u001F";

    private MemberReferences() {
    }

    public static Optional<String> resolve(Connection connection, OrgId orgId, String reference) throws SQLException {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String stripped = reference.strip();
        try {
            UserId id = UserId.of(stripped);
            if (!JdbcWork.texts(connection, "select user_id from org_members where org_id = ? and user_id = ?",
                    orgId.value(), id.value()).isEmpty()) {
                return Optional.of(id.value());
            }
        } catch (RuleViolation notAnId) {
            // not a possible user id: it can still be an email
        }
        String folded = stripped.toLowerCase(Locale.ROOT);
        // Non-ASCII emails are compared in Java: lower() in the database may fold them differently.
        List<Object[]> rows = JdbcWork.rows(connection, "select user_id, email from org_members"
                + " where org_id = ? and email is not null and (octet_length(email) <> char_length(email)"
                + " or lower(btrim(email, ?) collate \"C\") = ?)", orgId.value(), ASCII_WHITESPACE, folded);
        return rows.stream()
                .filter(row -> ((String) row[1]).strip().toLowerCase(Locale.ROOT).equals(folded))
                .map(row -> new UserId((String) row[0]))
                .sorted().findFirst().map(UserId::value);
    }
}
