package circles.adapter.out.persistence.sql;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secret keys that sign list cursors, each under a short key id ({@code kid}). The first key signs new
 * cursors; every key verifies, so a key can be rotated by putting a new one first and dropping the old one once
 * the cursors it signed no longer matter. Written as {@code kid:base64secret} entries separated by commas.
 */
public final class CursorKeys {
    /** HMAC-SHA256 keys shorter than this are too easy to guess. */
    public static final int MIN_SECRET_BYTES = 32;

    private final String signingKid;
    private final Map<String, byte[]> secrets;

    private CursorKeys(String signingKid, Map<String, byte[]> secrets) {
        this.signingKid = signingKid;
        this.secrets = secrets;
    }

    /**
     * Reads {@code kid:base64secret[,kid:base64secret...]}.
     *
     * @throws IllegalArgumentException naming what is wrong (never the secret itself)
     */
    public static CursorKeys parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("no cursor key is configured");
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        List<String> kids = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("a cursor key entry is not kid:base64secret");
            }
            String kid = trimmed.substring(0, colon);
            if (!kid.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("a cursor key id must be 1..32 letters, digits, '-' or '_'");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("the secret of cursor key '" + kid + "' is not base64");
            }
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the secret of cursor key '" + kid + "' is shorter than "
                        + MIN_SECRET_BYTES + " bytes");
            }
            if (secrets.putIfAbsent(kid, secret) != null) {
                throw new IllegalArgumentException("cursor key id '" + kid + "' is given twice");
            }
            kids.add(kid);
        }
        return new CursorKeys(kids.getFirst(), secrets);
    }

    String signingKid() {
        return signingKid;
    }

    /** The secret of {@code kid}, or null when no configured key has that id. */
    byte[] secret(String kid) {
        return secrets.get(kid);
    }

    @Override
    public String toString() {
        return "CursorKeys" + secrets.keySet();
    }
}
