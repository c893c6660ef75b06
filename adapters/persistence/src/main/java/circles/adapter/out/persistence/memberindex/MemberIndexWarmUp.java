package circles.adapter.out.persistence.memberindex;

import circles.domain.org.OrgId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the member index of every org with dynamic groups that it serves in the background after start, so that the first preview
 * or evaluation of a large org does not pay the build (seconds at a million members) inside its request.
 * <p>
 * The orgs are built the largest first, {@code circles.member-index.warm-up.concurrency} at a time. Every org is
 * marked as queued before the first build starts: a request for an org whose index is not built yet is answered by
 * the SQL paths, as if the index did not exist, rather than waiting for the build or starting a second one. Once
 * an org's index is built, its next request takes it (catching up from the public event log as always). The orgs
 * are those with an active dynamic group whose rule has a leaf the index answers (an attribute, {@code reports_to},
 * every member; {@link MemberIndexAdapter#orgsWithIndexedRules}); any other org, or one created after the start,
 * still builds its index on first use. Off with
 * {@code circles.member-index.warm-up.enabled=false}.
 */
@ApplicationScoped
public class MemberIndexWarmUp {
    private static final Logger LOG = Logger.getLogger(MemberIndexWarmUp.class);

    private final MemberIndexAdapter index;
    private final boolean enabled;
    private final int concurrency;
    private final Duration buildTimeout;
    private volatile ExecutorService builders;

    @Inject
    public MemberIndexWarmUp(MemberIndexAdapter index,
                             @ConfigProperty(name = "circles.member-index.warm-up.enabled") boolean enabled,
                             @ConfigProperty(name = "circles.member-index.warm-up.concurrency") int concurrency,
                             @ConfigProperty(name = "circles.member-index.warm-up.build-timeout") Duration buildTimeout) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("circles.member-index.warm-up.concurrency must be at least 1");
        }
        this.index = index;
        this.enabled = enabled;
        this.concurrency = concurrency;
        this.buildTimeout = buildTimeout;
    }

    void start(@Observes StartupEvent started) {
        if (enabled) {
            warmUp();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        ExecutorService running = builders;
        if (running != null) {
            running.shutdownNow();
        }
    }

    /**
     * Queues every such org and builds their indexes in the background; the answer completes with
     * the number of indexes built when the last build has ended.
     */
    public CompletableFuture<Integer> warmUp() {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency,
                Thread.ofPlatform().daemon().name("member-index-warm-up-", 0).factory());
        builders = pool;
        return CompletableFuture.supplyAsync(this::orgs, pool).thenCompose(orgs -> {
            index.queueWarmUp(orgs);
            LOG.infof("member index: building %d orgs in the background, %d at a time", orgs.size(), concurrency);
            long start = System.nanoTime();
            AtomicInteger built = new AtomicInteger();
            CompletableFuture<?>[] builds = orgs.stream()
                    .map(orgId -> CompletableFuture.runAsync(() -> {
                        if (build(orgId)) {
                            built.incrementAndGet();
                        }
                    }, pool))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(builds).handle((done, failure) -> {
                LOG.infof("member index: %d of %d orgs built in %,d ms", built.get(), orgs.size(),
                        (System.nanoTime() - start) / 1_000_000);
                pool.shutdown();
                return built.get();
            });
        });
    }

    private List<OrgId> orgs() {
        try {
            return QuarkusTransaction.requiringNew().call(index::orgsWithIndexedRules);
        } catch (RuntimeException failure) {
            LOG.warn("member index: could not list the orgs to build; they build on first use", failure);
            return List.of();
        }
    }

    private boolean build(OrgId orgId) {
        int seconds = (int) Math.max(1, buildTimeout.toSeconds());
        try {
            long start = System.nanoTime();
            boolean built = QuarkusTransaction.requiringNew().timeout(seconds).call(() -> index.warm(orgId));
            LOG.debugf("member index: org %s built in %,d ms", orgId, (System.nanoTime() - start) / 1_000_000);
            return built;
        } catch (RuntimeException failure) {
            index.leaveWarmUp(orgId);
            LOG.warnf(failure, "member index: the build of org %s failed; it builds on first use", orgId);
            return false;
        }
    }
}
