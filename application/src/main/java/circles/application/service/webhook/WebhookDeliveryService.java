package circles.application.service.webhook;

import circles.application.port.in.webhook.DeliverWebhooksUseCase;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.domain.webhook.RetrySchedule;
import circles.domain.webhook.Webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers claimed webhook deliveries, a batch at a time: one short transaction claims the batch (each delivery
 * leased), the attempts are sent at once, outside any transaction, each on a virtual thread of its own (at most
 * {@code concurrency} requests in flight in this process, whatever the number of callers), and one short transaction
 * records them all and updates their endpoints. The batch waits at most {@code batchWait} for its attempts: one still
 * under way then (a slow receiver) records itself when it ends, so that it does not hold back the next batch. The lease of a claim outlasts the longest attempt ({@code lease}),
 * so that no other instance claims a delivery while it is being sent, and a delivery whose instance died is claimed
 * again once the lease has passed; an attempt whose lease was taken over meanwhile is not recorded.
 */
public final class WebhookDeliveryService implements DeliverWebhooksUseCase, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebhookDeliveryService.class.getName());
    private final UnitOfWork tx;
    private final TenantScope tenant;
    private final WebhookDeliveryQueue queue;
    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final Clock clock;
    private final Semaphore inFlight;
    private final Duration batchWait;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookDeliveryService(UnitOfWork tx, TenantScope tenant, WebhookDeliveryQueue queue,
                                  WebhookRepository webhooks, WebhookSender sender, RetrySchedule schedule,
                                  Duration lease, int concurrency, Duration batchWait, Clock clock) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.tx = tx;
        this.tenant = tenant;
        this.queue = queue;
        this.webhooks = webhooks;
        this.sender = sender;
        this.schedule = schedule;
        this.lease = lease;
        this.clock = clock;
        this.inFlight = new Semaphore(concurrency, true);
        this.batchWait = batchWait;
    }

    /**
     * Claims only as many deliveries as there are free in-flight permits (waiting for one when none is free), so
     * that a claimed delivery is sent at once and never waits for a permit while its lease runs out.
     */
    @Override
    public int deliverDue(int max) {
        int permits;
        try {
            permits = acquirePermits(max);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        }
        Batch batch;
        try {
            batch = claimBatch(permits);
        } catch (RuntimeException failure) {
            inFlight.release(permits);
            throw failure;
        }
        inFlight.release(permits - batch.claimed().size());
        List<WebhookDeliveryQueue.Claimed> claimed = batch.claimed();
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, Optional<Webhook>> endpoints = batch.endpoints();
        List<CompletableFuture<WebhookDeliveryQueue.Sent>> pending = new ArrayList<>(claimed.size());
        for (WebhookDeliveryQueue.Claimed one : claimed) {
            pending.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return attempt(one, endpoints.get(one.webhookId()));
                } finally {
                    inFlight.release();
                }
            }, threads));
        }
        return finish(claimed, pending);
    }

    /** At least one permit (waiting for it), then as many more as are free, up to {@code max}. */
    private int acquirePermits(int max) throws InterruptedException {
        if (max < 1) {
            return 0;
        }
        inFlight.acquire();
        int more = Math.min(max - 1, inFlight.availablePermits());
        while (more > 0 && !inFlight.tryAcquire(more)) {
            more = Math.min(max - 1, inFlight.availablePermits());
        }
        return 1 + Math.max(more, 0);
    }

    private Batch claimBatch(int max) {
        if (max < 1) {
            return new Batch(List.of(), Map.of());
        }
        return tx.inTransaction(() -> {
            List<WebhookDeliveryQueue.Claimed> claims = queue.claim(clock.instant(), lease, max);
            Map<UUID, Optional<Webhook>> found = new HashMap<>();
            for (WebhookDeliveryQueue.Claimed one : claims) {
                found.computeIfAbsent(one.webhookId(), id -> {
                    tenant.enter(one.orgId());
                    return webhooks.find(one.orgId(), id);
                });
            }
            return new Batch(claims, found);
        });
    }

    /** Waits for the batch (at most {@code batchWait}) and records what ended; stragglers record themselves. */
    private int finish(List<WebhookDeliveryQueue.Claimed> claimed,
                       List<CompletableFuture<WebhookDeliveryQueue.Sent>> pending) {
        awaitBatch(pending);
        List<WebhookDeliveryQueue.Sent> sent = new ArrayList<>(pending.size());
        for (CompletableFuture<WebhookDeliveryQueue.Sent> future : pending) {
            if (future.isDone()) {
                sent.add(future.join());
            } else {
                // A straggler (a slow receiver) records its own attempt when it ends, so that it does not hold
                // this sender's next batch; its lease keeps the delivery its own meanwhile.
                future.thenAcceptAsync(late -> recordLate(late), threads);
            }
        }
        tx.run(() -> recordAll(sent));
        return claimed.size();
    }

    /** Claimed deliveries and their endpoints as they were at the claim (empty: deleted since). */
    private record Batch(List<WebhookDeliveryQueue.Claimed> claimed, Map<UUID, Optional<Webhook>> endpoints) {
    }

    /** One attempt of one claimed delivery (its caller holds one of the in-flight permits for it). */
    private WebhookDeliveryQueue.Sent attempt(WebhookDeliveryQueue.Claimed claimed, Optional<Webhook> endpoint) {
        Instant started = clock.instant();
        if (endpoint.isEmpty() || !endpoint.get().enabled()) {
            return new WebhookDeliveryQueue.Sent(claimed, new WebhookSender.Attempt(WebhookSender.Outcome.REFUSED,
                    null, Duration.ZERO, "the endpoint is disabled", null, false), started, null);
        }
        Webhook webhook = endpoint.get();
        WebhookSender.Attempt attempt = sender.send(new WebhookSender.Delivery(webhook.url(),
                webhook.signingSecrets(started), claimed.event()));
        Instant finished = clock.instant();
        Instant nextAttempt = switch (attempt.outcome()) {
            case DELIVERED, GONE, REFUSED -> null;
            case FAILED -> schedule.next(claimed.attemptsBefore() + 1, finished, attempt.retryAfter()).orElse(null);
        };
        return new WebhookDeliveryQueue.Sent(claimed, attempt, started, nextAttempt);
    }

    /**
     * Waits until every attempt of the batch ended, or {@code batchWait} passed; an attempt that failed on its own
     * (never the receiver's doing: that is an outcome) ends the wait with that failure.
     */
    private void awaitBatch(List<CompletableFuture<WebhookDeliveryQueue.Sent>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(batchWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stragglers) {
            // the attempts still under way record themselves (see deliverDue)
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while webhook deliveries were being sent", interrupted);
        } catch (ExecutionException failure) {
            throw new IllegalStateException("a webhook delivery attempt failed unexpectedly", failure.getCause());
        }
    }

    /** Records an attempt that outlasted its batch's wait, in a transaction of its own. */
    private void recordLate(WebhookDeliveryQueue.Sent late) {
        try {
            tx.run(() -> recordAll(List.of(late)));
        } catch (RuntimeException failure) {
            // Not recorded: the delivery's lease passes and it is attempted again, as after a crash.
            LOG.log(System.Logger.Level.WARNING, "a late webhook delivery attempt could not be recorded", failure);
        }
    }

    /**
     * Records the attempts (only those whose claim still holds its lease), then brings each endpoint up to date
     * with its recorded attempts, in the order they finished: one save per endpoint, none when its state (enabled,
     * failing since) did not change.
     */
    private void recordAll(List<WebhookDeliveryQueue.Sent> sent) {
        Set<UUID> recorded = queue.record(sent);
        Map<UUID, List<WebhookDeliveryQueue.Sent>> byEndpoint = new LinkedHashMap<>();
        sent.stream().filter(one -> recorded.contains(one.claimed().id()))
                .sorted(java.util.Comparator.comparing(one -> one.attemptedAt().plus(one.attempt().duration())))
                .forEach(one -> byEndpoint.computeIfAbsent(one.claimed().webhookId(), id -> new ArrayList<>())
                        .add(one));
        byEndpoint.forEach((webhookId, attempts) -> {
            WebhookDeliveryQueue.Claimed first = attempts.getFirst().claimed();
            tenant.enter(first.orgId());
            webhooks.find(first.orgId(), webhookId).ifPresent(current -> {
                boolean wasEnabled = current.enabled();
                Instant wasFailingSince = current.failingSince();
                for (WebhookDeliveryQueue.Sent one : attempts) {
                    Instant finished = one.attemptedAt().plus(one.attempt().duration());
                    switch (one.attempt().outcome()) {
                        case DELIVERED -> current.deliverySucceeded();
                        case GONE -> current.disable("the receiver answered 410 Gone", finished);
                        case FAILED, REFUSED -> current.deliveryFailed(finished);
                    }
                }
                if (current.enabled() != wasEnabled
                        || !java.util.Objects.equals(current.failingSince(), wasFailingSince)) {
                    webhooks.save(current);
                }
            });
        });
    }

    /** Stops the threads of attempts under way (at shutdown); their claims' leases let another instance retry. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
