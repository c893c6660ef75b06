package circles.adapter.out.persistence.sql;

import circles.domain.shared.InvalidInput;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The opaque cursor of a list page: the sort key and id of the last item returned, so the next page starts right
 * after that position (keyset pagination) and pages stay stable and cheap however deep the caller reads.
 *
 * <p>A cursor is {@code base64url(position) "." base64url(HMAC-SHA256)}. The position holds a version, the id of
 * the key that signed it, the sort key and the id. The signature covers the position and the list's binding:
 * the list's name with every filter that shapes it and, where the list depends on who asks, the caller. So a
 * cursor that was changed, built by hand, taken from another list or another caller, or signed with a key that is
 * no longer configured is refused as {@code invalid-cursor}, before any query runs: nobody can probe where a
 * chosen value would sort among rows they cannot see. A cursor only carries the position of an item its holder
 * has already been shown. A sort key too long for a cursor is left out; the query then reads it from the row.
 *
 * <p>The keys come from configuration and are {@linkplain #useKeys installed} once at startup.
 */
public record KeysetCursor(String sortKey, String id) {
    private static final int MAX_POSITION_LENGTH = 400;
    private static final char SEPARATOR = '\u0000';
    private static final String VERSION = "2";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private static volatile CursorKeys keys;

    /** Installs the signing keys; called once when the service starts (and by tests). */
    public static void useKeys(CursorKeys configured) {
        keys = Objects.requireNonNull(configured);
    }

    /**
     * The cursor of the position ({@code sortKey}, {@code id}) in {@code list}.
     *
     * @param list the list's binding: its name, its filters and, where the list depends on it, the caller
     */
    public static String encode(String list, String sortKey, String id) {
        CursorKeys current = installedKeys();
        String kid = current.signingKid();
        String position = pack(kid, sortKey, id);
        if (position.length() > MAX_POSITION_LENGTH && sortKey != null) {
            position = pack(kid, null, id);
        }
        return position + "." + BASE64.encodeToString(mac(current.secret(kid), list, position));
    }

    /** The position encoded in {@code cursor}; null for the first page. */
    public static KeysetCursor decode(String cursor, String list) {
        if (cursor == null) {
            return null;
        }
        int dot = cursor.indexOf('.');
        if (dot < 1 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        String position = cursor.substring(0, dot);
        List<String> parts;
        byte[] signature;
        try {
            String text = new String(Base64.getUrlDecoder().decode(position), StandardCharsets.UTF_8);
            parts = List.of(text.split(String.valueOf(SEPARATOR), -1));
            signature = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        if (parts.size() != 4 || !parts.get(0).equals(VERSION)) {
            throw invalid();
        }
        byte[] secret = installedKeys().secret(parts.get(1));
        if (secret == null || !MessageDigest.isEqual(signature, mac(secret, list, position))
                || parts.get(3).isEmpty()) {
            throw invalid();
        }
        String sortKey = parts.get(2).isEmpty() ? null : parts.get(2).substring(1);
        return new KeysetCursor(sortKey, parts.get(3));
    }

    private static String pack(String kid, String sortKey, String id) {
        // A present key is prefixed with '=' so that an empty key and a missing one differ.
        String text = VERSION + SEPARATOR + kid + SEPARATOR + (sortKey == null ? "" : "=" + sortKey) + SEPARATOR + id;
        return BASE64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(byte[] secret, String list, String position) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            // The list binding goes first, length-prefixed, so no list/position split can be shifted.
            byte[] binding = list.getBytes(StandardCharsets.UTF_8);
            mac.update(String.valueOf(binding.length).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) ':');
            mac.update(binding);
            mac.update(position.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("the JDK offers no " + ALGORITHM, unavailable);
        }
    }

    private static CursorKeys installedKeys() {
        CursorKeys current = keys;
        if (current == null) {
            throw new IllegalStateException("no cursor keys were installed at startup");
        }
        return current;
    }

    public static InvalidInput invalid() {
        return new InvalidInput("invalid-cursor", "cursor",
                "is not a cursor this service issued for this list");
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
