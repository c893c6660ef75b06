package circles.domain.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A webhook signing secret in the Standard Webhooks form: {@value #PREFIX} followed by the base64 of 32 random bytes.
 * The decoded bytes are the HMAC key. {@link #toString()} never shows it, so that it cannot reach a log by accident.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private WebhookSecret(String value) {
        this.value = value;
    }

    public static WebhookSecret generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(bytes));
    }

    /** A secret read back from storage. */
    public static WebhookSecret of(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a webhook secret");
        }
        Base64.getDecoder().decode(value.substring(PREFIX.length()));
        return new WebhookSecret(value);
    }

    /** The full secret as shown to the receiver ({@code whsec_...}). */
    public String reveal() {
        return value;
    }

    /** The HMAC key: the base64-decoded part after the prefix. */
    public byte[] keyBytes() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
