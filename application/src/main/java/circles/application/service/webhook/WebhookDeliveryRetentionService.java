package circles.application.service.webhook;

import circles.application.port.in.webhook.PurgeWebhookDeliveriesUseCase;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Purges finished webhook deliveries last touched more than {@code retention} ago: {@code slice} rows per
 * transaction, oldest first, until a slice comes back short, so that a large backlog never holds one long
 * transaction or lock.
 */
public final class WebhookDeliveryRetentionService implements PurgeWebhookDeliveriesUseCase {
    private final UnitOfWork tx;
    private final WebhookDeliveryQueue queue;
    private final Duration retention;
    private final int slice;
    private final Clock clock;

    public WebhookDeliveryRetentionService(UnitOfWork tx, WebhookDeliveryQueue queue, Duration retention, int slice,
                                           Clock clock) {
        if (slice < 1) {
            throw new IllegalArgumentException("slice must be at least 1");
        }
        this.tx = tx;
        this.queue = queue;
        this.retention = retention;
        this.slice = slice;
        this.clock = clock;
    }

    @Override
    public int purgeFinished() {
        Instant before = clock.instant().minus(retention);
        int purged = 0;
        int deleted;
        do {
            deleted = tx.inTransaction(() -> queue.purgeFinished(before, slice));
            purged += deleted;
        } while (deleted == slice);
        return purged;
    }
}
