package circles.bootstrap.wiring;

import circles.application.port.out.shared.BackgroundWork;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Background work on a fixed pool of named threads with an unbounded queue: what is queued is bounded by the work
 * itself (at most one background refresh per dynamic group, claimed first). On shutdown the pool takes no more work
 * and waits a little for running work; work cut short leaves its claim to run out with its lease.
 */
final class ExecutorBackgroundWork implements BackgroundWork, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExecutorBackgroundWork.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final ExecutorService pool;

    ExecutorBackgroundWork(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "circles-background-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public boolean submit(Runnable work) {
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException | Error failure) {
                    LOG.error("background work failed", failure);
                }
            });
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
