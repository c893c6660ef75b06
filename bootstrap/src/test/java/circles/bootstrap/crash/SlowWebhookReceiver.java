package circles.bootstrap.crash;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on the loopback interface for tests against packaged applications: it takes {@code delayMillis}
 * per request (a receiver doing some work), answers 204, and records every {@code webhook-id} with its arrival time.
 * It serves requests on many threads at once, so that two senders sending one delivery at the same time would be seen:
 * a request whose {@code webhook-id} is already being served counts as an overlap.
 */
final class SlowWebhookReceiver implements AutoCloseable {
    record Arrival(String webhookId, Instant at) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final AtomicInteger overlaps = new AtomicInteger();

    SlowWebhookReceiver(long delayMillis) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            arrivals.add(new Arrival(id, Instant.now()));
            boolean alone = inFlight.add(id);
            if (!alone) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (alone) {
                    inFlight.remove(id);
                }
            }
            distinct.add(id);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Requests received so far (retries included). */
    int requests() {
        return arrivals.size();
    }

    /** The distinct {@code webhook-id}s answered so far. */
    Set<String> answered() {
        return Set.copyOf(distinct);
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Requests that arrived while another request with the same {@code webhook-id} was being served. */
    int overlaps() {
        return overlaps.get();
    }

    /** How many requests each {@code webhook-id} got. */
    Map<String, Long> requestsPerId() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        arrivals.forEach(arrival -> counts.merge(arrival.webhookId(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
