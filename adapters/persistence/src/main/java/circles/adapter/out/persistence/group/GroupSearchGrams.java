package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.domain.org.OrgId;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The candidates of a group text search: the groups holding every 3-character substring ("gram") of the searched
 * text, read from {@code group_search_grams} by equality, which PostgreSQL may answer from an index under row-level
 * security (a LIKE it may not: it is not leakproof, so it only runs after the policy, on every group of the org).
 *
 * <p>The candidates never decide the result: the list statement keeps its LIKE conditions and checks the candidates
 * with them, so the groups found, their order and the cursor are those of the LIKE alone. Any value containing the
 * text contains each of its grams, so no match is lost. The grams come from the same lower-cased LIKE pattern the
 * list statement compares ({@code circles_like_grams}), so both sides fold case the same (PostgreSQL's) way.
 *
 * <p>There are no candidates to give (the list reads the groups in reach, in list order, as before) when the text is
 * shorter than 3 characters (it has no gram), and when the text is so common that more groups hold its grams than
 * {@link #cap} allows: then the list order finds a page of matches after reading few groups, sooner than fetching
 * and sorting every candidate would.
 */
final class GroupSearchGrams {
    /** The length of a gram, in characters. */
    static final int GRAM = 3;
    /** How many candidates per row of the page, at most, are worth fetching by id and sorting. */
    static final int CANDIDATES_PER_ROW = 10;

    /**
     * Each gram of a group is one row, so a group holding all the text's grams has as many rows as the text has
     * distinct grams. The grams are computed once (scalar subqueries become init-plans).
     */
    private static final String CANDIDATES = "select s.group_id from group_search_grams s"
            + " where s.gram = any((select circles_like_grams(lower(?)))::text[])%s"
            + " group by s.group_id having count(*) = (select cardinality(circles_like_grams(lower(?))))"
            + " limit ?";

    private GroupSearchGrams() {
    }

    /** Whether the text has a gram at all. */
    static boolean applies(String text) {
        String literal = text.strip();
        return literal.codePointCount(0, literal.length()) >= GRAM;
    }

    /** The most candidates worth narrowing a page of {@code fetchSize} rows to. */
    static int cap(int fetchSize) {
        return CANDIDATES_PER_ROW * fetchSize;
    }

    /**
     * The ids of the groups that may match the LIKE {@code pattern} ({@code '%' || text || '%'}, {@code \} escaping),
     * within the org when {@code orgId} is given (the caller entered it), else across orgs; empty when there are more
     * than {@code cap}.
     */
    static Optional<UUID[]> candidates(EntityManager em, TenantScopeAdapter scope, OrgId orgId, String pattern,
                                      int cap) {
        List<Object[]> rows = JdbcWork.call(em, connection -> orgId != null
                ? JdbcWork.rows(connection, CANDIDATES.formatted(" and s.org_id = ?"), pattern, orgId.value(),
                        pattern, cap + 1)
                : JdbcWork.rows(connection, scope.acrossOrgs(CANDIDATES.formatted("")), pattern, pattern, cap + 1));
        if (rows.size() > cap) {
            return Optional.empty();
        }
        return Optional.of(rows.stream().map(row -> (UUID) row[0]).toArray(UUID[]::new));
    }
}
