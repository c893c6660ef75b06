package circles.adapter.out.persistence.sql;

/**
 * The WHERE part of keyset pagination: rows strictly after the cursor's position in the order
 * {@code key, id} (both ascending or both descending). Written as {@code key >= k and (key > k or id > i)} rather
 * than a row comparison, so that PostgreSQL can use it as an index condition under row-level security (row
 * comparisons are not leakproof; the plain comparisons of text, uuid and timestamps are).
 */
public final class Keyset {
    private Keyset() {
    }

    /**
     * @param key       the sort column, e.g. {@code g.name_key}
     * @param id        the unique tie-breaker column, e.g. {@code g.id}
     * @param keyValue  the cursor's sort key, or null to read it from the cursor's row with {@code keyLookup}
     * @param keyLookup SQL giving the sort key of the row {@code :cursor_id}, used when the cursor holds no key
     */
    public static void after(SqlQuery query, String key, String id, boolean descending, Object keyValue, Object idValue,
                      String keyLookup) {
        String keyExpression = keyValue == null ? "(" + keyLookup + ")" : ":cursor_key";
        String beyond = descending ? "<" : ">";
        query.append(" and " + key + " " + beyond + "= " + keyExpression
                + " and (" + key + " " + beyond + " " + keyExpression + " or " + id + " " + beyond + " :cursor_id)");
        if (keyValue != null) {
            query.bind("cursor_key", keyValue);
        }
        query.bind("cursor_id", idValue);
    }

    /**
     * A LIKE pattern (escape character {@code \}) matching values that contain {@code text}. For a case-insensitive
     * match compare {@code lower(column) like lower(:pattern)}, so both sides fold case the same (PostgreSQL's) way.
     */
    public static String containing(String text) {
        String escaped = text.strip()
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
