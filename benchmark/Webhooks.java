import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java half of the webhook benchmark (run by {@code benchmark/webhooks.sh} as a source file). Against a running
 * application it starts a local webhook receiver (a JDK HttpServer on 127.0.0.1 that answers 204 at once), subscribes
 * an endpoint of the org to member additions, and measures:
 * <ol>
 *   <li><b>latency</b>: one member added at a time through the API; for each, the time from the change to the first
 *       request of its event at the receiver. Two figures: from the moment the request was sent (an upper bound of the
 *       commit) and from the moment it was answered (after the commit; a lower bound);</li>
 *   <li><b>throughput</b>: a burst of members added by one import (one event each, one transaction); deliveries per
 *       second from the import's answer to the last event's arrival;</li>
 *   <li><b>the receiver's own cost</b>: the same receiver hammered by a local client (8 threads, the same body size and
 *       headers), requests per second, so a slow receiver is not mistaken for a slow sender.</li>
 * </ol>
 * Throughput and receiver rounds alternate (receiver, burst, receiver, burst, ...), never both at once.
 */
public class Webhooks {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern USER_ID = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"");

    final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bodyBytes = new AtomicLong();
    String base;
    String token;
    String org;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Webhooks bench = new Webhooks();
        bench.base = options.get("base");
        bench.token = options.get("token");
        bench.org = options.get("org");
        try {
            bench.run(Integer.parseInt(options.getOrDefault("changes", "200")),
                    Integer.parseInt(options.getOrDefault("burst", "2000")),
                    Integer.parseInt(options.getOrDefault("rounds", "3")));
        } catch (Exception failure) {
            failure.printStackTrace();
            System.exit(1); // the receiver's threads would keep the JVM alive
        }
    }

    void run(int changes, int burst, int rounds) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            bodyBytes.addAndGet(body.length);
            Matcher user = USER_ID.matcher(new String(body, StandardCharsets.UTF_8));
            if (user.find()) {
                firstArrivalNanos.putIfAbsent(user.group(1), now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        send("POST", "/v1/orgs/" + org + "/webhooks",
                "{\"url\":\"" + url + "\",\"eventTypes\":[\"circles.org.member.added\"]}", 201);

        // 1. Latency, one change at a time (the first 20 warm up and are not counted).
        List<Double> fromSent = new ArrayList<>();
        List<Double> fromAnswer = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < changes + 20; i++) {
            String userId = "lat-" + i;
            long sent = System.nanoTime();
            send("POST", "/v1/orgs/" + org + "/members", "{\"userId\":\"" + userId + "\",\"role\":\"member\"}", 201);
            long answered = System.nanoTime();
            long deadline = answered + Duration.ofSeconds(30).toNanos();
            Long arrived;
            while ((arrived = firstArrivalNanos.get(userId)) == null && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (arrived == null) {
                throw new IllegalStateException("the event of " + userId + " did not arrive within 30 s");
            }
            if (i >= 20) {
                fromSent.add((arrived - sent) / 1e6);
                fromAnswer.add((arrived - answered) / 1e6);
            }
            Thread.sleep(random.nextInt(100)); // no lock-step with the delivery job's schedule
        }
        System.out.printf(Locale.ROOT, "latency (change -> first delivery attempt at the receiver), %d changes one at a"
                        + " time:%n  from the request sent:     p50 %.1f ms  p99 %.1f ms  max %.1f ms%n"
                        + "  from the answer (commit): p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", changes,
                pct(fromSent, 50), pct(fromSent, 99), pct(fromSent, 100),
                pct(fromAnswer, 50), pct(fromAnswer, 99), pct(fromAnswer, 100));

        // 2. and 3. alternately.
        List<Double> deliveryRates = new ArrayList<>();
        List<Double> receiverRates = new ArrayList<>();
        int averageBody = (int) (bodyBytes.get() / Math.max(1, requests.get()));
        for (int round = 1; round <= rounds; round++) {
            double receiverRate = hammer(url, Math.max(burst, 5000), averageBody);
            receiverRates.add(receiverRate);
            System.out.printf(Locale.ROOT, "round %d receiver alone: %.0f requests/s (8 client threads, %d-byte"
                    + " bodies)%n", round, receiverRate, averageBody);
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < burst; i++) {
                rows.append(i == 0 ? "" : ",").append("{\"userId\":\"b").append(round).append('-').append(i)
                        .append("\"}");
            }
            rows.append(']');
            long importSent = System.nanoTime();
            send("POST", "/v1/orgs/" + org + "/members/import", rows.toString(), 200);
            long imported = System.nanoTime();
            long deadline = imported + Duration.ofMinutes(30).toNanos();
            String prefix = "b" + round + "-";
            long last = 0;
            int arrived = 0;
            while (System.nanoTime() < deadline) {
                arrived = 0;
                last = 0;
                for (int i = 0; i < burst; i++) {
                    Long at = firstArrivalNanos.get(prefix + i);
                    if (at != null) {
                        arrived++;
                        last = Math.max(last, at);
                    }
                }
                if (arrived == burst) {
                    break;
                }
                Thread.sleep(200);
            }
            if (arrived < burst) {
                throw new IllegalStateException("only " + arrived + " of " + burst + " events arrived");
            }
            double rate = burst / ((last - imported) / 1e9);
            deliveryRates.add(rate);
            System.out.printf(Locale.ROOT, "round %d burst of %d events (import answered in %.1f s): all delivered"
                            + " %.1f s after the import's answer, %.0f deliveries/s%n", round, burst,
                    (imported - importSent) / 1e9, (last - imported) / 1e9, rate);
        }
        System.out.printf(Locale.ROOT, "deliveries/s: median %.0f (min %.0f, max %.0f) over %d rounds%n",
                pct(deliveryRates, 50), pct(deliveryRates, 0), pct(deliveryRates, 100), rounds);
        System.out.printf(Locale.ROOT, "receiver alone: median %.0f requests/s (min %.0f, max %.0f)%n",
                pct(receiverRates, 50), pct(receiverRates, 0), pct(receiverRates, 100));
        System.out.printf(Locale.ROOT, "targets: p99 <= 1000 ms from commit to first attempt (measured p99 %.1f ms from"
                        + " the answer, %.1f ms from the request); >= 1000 deliveries/s (measured median %.0f)%n",
                pct(fromAnswer, 99), pct(fromSent, 99), pct(deliveryRates, 50));
        server.stop(0);
        threads.shutdownNow();
    }

    /** Requests per second the receiver answers to 8 local client threads sending {@code total} requests. */
    double hammer(String url, int total, int bodySize) throws Exception {
        String body = "{\"data\":\"" + "x".repeat(Math.max(0, bodySize - 12)) + "\"}";
        AtomicInteger left = new AtomicInteger(total);
        AtomicInteger retries = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(clients.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("content-type", "application/json")
                            .header("webhook-id", java.util.UUID.randomUUID().toString())
                            .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                            .header("webhook-signature", "v1,hammer")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                    } catch (java.io.IOException closedUnderneath) {
                        // The JDK client sometimes reuses a connection the server has just closed: send it again.
                        retries.incrementAndGet();
                        HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                    }
                }
                return null;
            }));
        }
        for (var future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        if (retries.get() > 0) {
            System.out.printf("  (receiver alone: %d requests sent twice after a closed connection)%n", retries.get());
        }
        return total / seconds;
    }

    void send(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    static double pct(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
