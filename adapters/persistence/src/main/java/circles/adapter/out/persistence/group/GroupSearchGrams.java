package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.SqlQuery;

/**
 * Narrows a group text search to the groups that hold every 3-character substring ("gram") of the searched text,
 * read from {@code group_search_grams} by equality, which PostgreSQL may answer from an index under row-level
 * security (a LIKE it may not: it is not leakproof, so it only runs after the policy, on every group of the org).
 *
 * <p>The narrowing never decides the result: the statement keeps its LIKE conditions and checks the candidates with
 * them, so the groups found, their order and the cursor are those of the LIKE alone. Any value containing the text
 * contains each of its grams, so no match is lost. The grams come from the same lower-cased LIKE pattern the
 * statement compares ({@code circles_like_grams}), so both sides fold case the same (PostgreSQL's) way.
 *
 * <p>A text shorter than 3 characters has no gram: the search then reads the groups in reach, as before.
 */
final class GroupSearchGrams {
    /** The length of a gram, in characters. */
    static final int GRAM = 3;

    private GroupSearchGrams() {
    }

    /**
     * Appends the narrowing to a statement over {@code groups g} that binds the LIKE pattern as {@code :text} (and
     * the org as {@code :org} when {@code inOrg}); nothing for a text too short to have a gram.
     */
    static void narrow(SqlQuery sql, String text, boolean inOrg) {
        String literal = text.strip();
        if (literal.codePointCount(0, literal.length()) < GRAM) {
            return;
        }
        // The grams are computed once per statement (scalar subqueries become init-plans); each gram of a group is
        // one row, so a group holding them all has as many rows as the text has distinct grams.
        sql.append(" and g.id in (select s.group_id from group_search_grams s"
                + " where s.gram = any((select circles_like_grams(lower(:text)))::text[])"
                + (inOrg ? " and s.org_id = :org" : "")
                + " group by s.group_id"
                + " having count(*) = (select cardinality(circles_like_grams(lower(:text)))))");
    }
}
