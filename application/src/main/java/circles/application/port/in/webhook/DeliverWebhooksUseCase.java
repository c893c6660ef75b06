package circles.application.port.in.webhook;

/**
 * Sends due webhook deliveries, one claimed delivery at a time, and records each attempt: delivered, retried on the
 * schedule (or after the receiver's {@code Retry-After}), or given up. A 410 from the receiver, or five days of
 * nothing but failures, disables the endpoint with the reason.
 */
public interface DeliverWebhooksUseCase {

    /** Sends at most {@code max} due deliveries; returns how many attempts were made. */
    int deliverDue(int max);
}
