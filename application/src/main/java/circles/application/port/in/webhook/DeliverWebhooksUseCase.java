package circles.application.port.in.webhook;

/**
 * Sends due webhook deliveries, a claimed batch at a time with the attempts in parallel, and records each attempt:
 * delivered, retried on the schedule (or after the receiver's {@code Retry-After}), or given up. A 410 from the
 * receiver, or five days of nothing but failures, disables the endpoint with the reason.
 */
public interface DeliverWebhooksUseCase {

    /** Claims at most {@code max} due deliveries, sends them and records the attempts; returns how many were made. */
    int deliverDue(int max);
}
