package circles.adapter.out.webhook;

import circles.domain.webhook.WebhookSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code webhook-signature} header of Standard Webhooks: for each secret, {@code v1,} and the base64 of the
 * HMAC-SHA256, keyed with the secret's decoded bytes, of {@code {webhook-id}.{webhook-timestamp}.{body}};
 * several signatures (while a secret is being rotated) are separated by spaces. A receiver accepts the delivery when
 * any one of them verifies with a secret it holds.
 *
 * @see <a href="https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md">Standard Webhooks</a>
 */
public final class StandardWebhookSignature {
    private static final String ALGORITHM = "HmacSHA256";

    private StandardWebhookSignature() {
    }

    public static String header(List<WebhookSecret> secrets, String id, long timestampSeconds, byte[] body) {
        return secrets.stream().map(secret -> sign(secret, id, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(WebhookSecret secret, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.keyBytes(), ALGORITHM));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is not available", impossible);
        }
    }
}
