package circles.adapter.out.persistence.secret;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts secrets before they are stored and decrypts them when read, with AES-256-GCM and the keys of
 * {@value #SETTING}. A stored value reads {@code v1:<kid>:<base64 of nonce and ciphertext>}; the key id says which
 * key decrypts it, so keys rotate without rewriting every row at once. The caller names what the secret belongs to
 * ({@code context}, e.g. the webhook's id) and that name is authenticated with it: a value copied to another row does
 * not decrypt there. The start fails, naming the setting, when the keys are missing or malformed.
 */
@Startup
@ApplicationScoped
public class SecretBox {
    static final String SETTING = "circles.secrets.keys";
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = SETTING)
    Optional<String> setting;

    private volatile SecretKeys keys;

    public SecretBox() {
    }

    /** A box with these keys, for use outside a container. */
    public static SecretBox of(SecretKeys keys) {
        SecretBox box = new SecretBox();
        box.keys = keys;
        return box;
    }

    @PostConstruct
    void installKeys() {
        try {
            keys = SecretKeys.parse(setting.orElse(null));
        } catch (IllegalArgumentException malformed) {
            throw new ConfigurationException(SETTING + " (CIRCLES_SECRETS_KEYS) is not usable: "
                    + malformed.getMessage() + ". Give kid:base64key entries separated by commas, each key exactly "
                    + SecretKeys.KEY_BYTES + " random bytes; the first one encrypts.");
        }
    }

    /** The stored form of {@code secret}, bound to {@code context}. */
    public String seal(String secret, String context) {
        SecretKeys current = keys;
        String kid = current.encryptingKid();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current.key(kid), nonce, kid, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + kid + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("cannot encrypt a secret", failure);
        }
    }

    /**
     * The secret in a stored value sealed for {@code context}.
     *
     * @throws IllegalStateException when its key is no longer configured or the value was changed or moved
     */
    public String open(String stored, String context) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("a stored secret is not in a known form");
        }
        byte[] key = keys.key(parts[1]);
        if (key == null) {
            throw new IllegalStateException("a stored secret is encrypted with key '" + parts[1]
                    + "', which " + SETTING + " no longer holds");
        }
        try {
            byte[] all = Base64.getDecoder().decode(parts[2]);
            byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, parts[1], context);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException failure) {
            throw new IllegalStateException("a stored secret does not decrypt (changed, or moved from another row)");
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String kid, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((VERSION + ":" + kid + ":" + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
