package circles.application.port.in.webhook;

/**
 * Deletes webhook deliveries that are over (delivered, or failed for good) once they are older than the retention,
 * with their attempts, so that the delivery log does not grow without end. Pending deliveries are never purged.
 */
public interface PurgeWebhookDeliveriesUseCase {

    /** Purges what is past the retention now, in slices of their own transactions; returns how many were deleted. */
    int purgeFinished();
}
