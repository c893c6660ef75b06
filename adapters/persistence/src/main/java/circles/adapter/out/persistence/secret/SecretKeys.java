package circles.adapter.out.persistence.secret;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys that encrypt stored secrets (webhook signing secrets), each under a short key id ({@code kid}). The first
 * key encrypts; every key decrypts, so a key rotates by putting a new one first and keeping the old one until every
 * secret it encrypted has been written again. Written as {@code kid:base64key} entries separated by commas; each key
 * is exactly 32 bytes (AES-256).
 */
public final class SecretKeys {
    public static final int KEY_BYTES = 32;

    private final String encryptingKid;
    private final Map<String, byte[]> keys;

    private SecretKeys(String encryptingKid, Map<String, byte[]> keys) {
        this.encryptingKid = encryptingKid;
        this.keys = keys;
    }

    /**
     * Reads {@code kid:base64key[,kid:base64key...]}.
     *
     * @throws IllegalArgumentException naming what is wrong (never a key itself)
     */
    public static SecretKeys parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("no secret encryption key is configured");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        List<String> kids = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("a secret key entry is not kid:base64key");
            }
            String kid = trimmed.substring(0, colon);
            if (!kid.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("a secret key id must be 1..32 letters, digits, '-' or '_'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("secret key '" + kid + "' is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("secret key '" + kid + "' is not " + KEY_BYTES + " bytes");
            }
            if (keys.putIfAbsent(kid, key) != null) {
                throw new IllegalArgumentException("secret key id '" + kid + "' is given twice");
            }
            kids.add(kid);
        }
        return new SecretKeys(kids.getFirst(), keys);
    }

    String encryptingKid() {
        return encryptingKid;
    }

    /** The key of {@code kid}, or null when no configured key has that id. */
    byte[] key(String kid) {
        return keys.get(kid);
    }

    @Override
    public String toString() {
        return "SecretKeys" + keys.keySet();
    }
}
