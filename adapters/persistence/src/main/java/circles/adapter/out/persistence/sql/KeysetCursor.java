package circles.adapter.out.persistence.sql;

import circles.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque cursor of a list page: which list it belongs to, and the sort key and id of the last item returned.
 * The next page starts right after that position (keyset pagination), so pages stay stable and cheap however
 * deep the caller reads. A sort key too long for a cursor is left out; the query then reads it from the row.
 */
public record KeysetCursor(String sortKey, String id) {
    private static final int MAX_LENGTH = 500;
    private static final char SEPARATOR = '\u0000';
    private static final String VERSION = "1";

    public static String encode(String list, String sortKey, String id) {
        String full = pack(list, sortKey, id);
        return full.length() <= MAX_LENGTH || sortKey == null ? full : pack(list, null, id);
    }

    /** The position encoded in {@code cursor}; null for the first page. */
    public static KeysetCursor decode(String cursor, String list) {
        if (cursor == null) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        List<String> parts = List.of(text.split(String.valueOf(SEPARATOR), -1));
        if (parts.size() != 4 || !parts.get(0).equals(VERSION) || !parts.get(1).equals(list)
                || parts.get(3).isEmpty()) {
            throw invalid();
        }
        String sortKey = parts.get(2).isEmpty() ? null : parts.get(2).substring(1);
        return new KeysetCursor(sortKey, parts.get(3));
    }

    private static String pack(String list, String sortKey, String id) {
        // A present key is prefixed with '=' so that an empty key and a missing one differ.
        String text = VERSION + SEPARATOR + list + SEPARATOR + (sortKey == null ? "" : "=" + sortKey) + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static InvalidInput invalid() {
        return new InvalidInput("cursor", "is not a cursor this service issued for this list");
    }

    public java.util.UUID uuid() {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public long sortKeyAsLong() {
        try {
            return Long.parseLong(sortKey);
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid();
        }
    }
}
