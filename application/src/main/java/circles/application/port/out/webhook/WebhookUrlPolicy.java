package circles.application.port.out.webhook;

/**
 * Decides, when an endpoint is created or its URL changed, whether its URL may receive deliveries at all: the
 * scheme and host are acceptable and the host is not obviously internal. The decisive check happens again at every
 * connection, against the addresses the host resolves to then ({@link WebhookSender}).
 */
public interface WebhookUrlPolicy {
    /** Nothing when the URL is acceptable; otherwise a rule violation naming {@code field}. */
    void check(String url, String field);
}
