package circles.adapter.out.webhook;

import circles.application.port.out.webhook.WebhookSender;
import circles.domain.webhook.WebhookSecret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkWebhookSenderTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private record Received(Map<String, List<String>> headers, String body) {
    }

    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile int status = 200;
    private volatile Map<String, String> answerHeaders = Map.of();
    private volatile long delayMillis;
    private HttpServer server;

    private HttpServer serve(HttpServer created) {
        created.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            clientPorts.add(exchange.getRemoteAddress().getPort());
            received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        created.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        created.start();
        server = created;
        return created;
    }

    private String localUrl() throws Exception {
        HttpServer local = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        return "http://127.0.0.1:" + local.getAddress().getPort() + "/in";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static JdkWebhookSender sender(Clock clock, Duration timeout) {
        return new JdkWebhookSender(WebhookTargets.withSystemResolver(Set.of("127.0.0.1")), timeout, null, clock);
    }

    private static WebhookSender.Event event(Map<String, Object> data) {
        return new WebhookSender.Event(UUID.randomUUID(), "circles.group.member.added",
                "/orgs/3f0c2a8e-5b7d-4c1a-9e2f-1a2b3c4d5e6f", "7b1e4c2a-9d3f-4e5a-8b6c-0d1e2f3a4b5c",
                Instant.parse("2026-02-01T12:00:00Z"), data, Map.of("groupId", "7b1e4c2a-9d3f-4e5a-8b6c-0d1e2f3a4b5c"),
                "/v1/groups/7b1e4c2a-9d3f-4e5a-8b6c-0d1e2f3a4b5c");
    }

    private Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a delivery reached the receiver").isNotNull();
        return next;
    }

    private static String header(Received r, String name) {
        return r.headers().get(name).getFirst();
    }

    @Test
    void a_delivery_verifies_with_the_standard_webhooks_library_and_fails_when_tampered() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        WebhookSender.Event event = event(Map.of("userId", "u-1", "role", "member"));

        WebhookSender.Attempt attempt = sender(Clock.systemUTC(), Duration.ofSeconds(5))
                .send(new WebhookSender.Delivery(localUrl(), List.of(secret), event));

        assertThat(attempt.outcome()).isEqualTo(WebhookSender.Outcome.DELIVERED);
        assertThat(attempt.statusCode()).isEqualTo(200);
        Received delivery = next();
        assertThat(header(delivery, "webhook-id")).isEqualTo(event.id().toString());
        new Webhook(secret.reveal()).verify(delivery.body(), delivery.headers());
        JsonNode json = new ObjectMapper().readTree(delivery.body());
        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo("circles.group.member.added");
        assertThat(json.path("data").path("userId").asText()).isEqualTo("u-1");
        assertThat(json.has("dataref")).isFalse();

        assertThatThrownBy(() -> new Webhook(secret.reveal()).verify(delivery.body().replace("u-1", "u-2"),
                delivery.headers())).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSecret.generate().reveal()).verify(delivery.body(),
                delivery.headers())).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void deliveries_to_one_target_reuse_kept_alive_connections_also_when_sent_at_once() throws Exception {
        String url = localUrl();
        JdkWebhookSender sender = sender(Clock.systemUTC(), Duration.ofSeconds(5));
        WebhookSecret secret = WebhookSecret.generate();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(sender.send(new WebhookSender.Delivery(url, List.of(secret), event(Map.of("n", i))))
                        .outcome()).isEqualTo(WebhookSender.Outcome.DELIVERED);
            }
            assertThat(clientPorts).as("connections opened for five deliveries one after the other").hasSize(1);

            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<WebhookSender.Attempt>> attempts = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    attempts.add(threads.submit(() -> sender.send(new WebhookSender.Delivery(url, List.of(secret),
                            event(Map.of("n", n))))));
                }
                for (var attempt : attempts) {
                    assertThat(attempt.get().outcome()).isEqualTo(WebhookSender.Outcome.DELIVERED);
                }
            }
            int afterBurst = clientPorts.size();
            for (int i = 0; i < 5; i++) {
                assertThat(sender.send(new WebhookSender.Delivery(url, List.of(secret), event(Map.of("n", i))))
                        .outcome()).isEqualTo(WebhookSender.Outcome.DELIVERED);
            }
            assertThat(clientPorts).as("no new connection after the burst").hasSize(afterBurst);
        } finally {
            sender.close();
        }
    }

    @Test
    void a_delivery_signed_long_ago_fails_verification() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);

        sender(tenMinutesAgo, Duration.ofSeconds(5))
                .send(new WebhookSender.Delivery(localUrl(), List.of(secret), event(Map.of("a", 1))));

        Received delivery = next();
        assertThatThrownBy(() -> new Webhook(secret.reveal()).verify(delivery.body(), delivery.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void while_rotating_each_secret_signs_and_either_verifies() throws Exception {
        WebhookSecret current = WebhookSecret.generate();
        WebhookSecret previous = WebhookSecret.generate();

        sender(Clock.systemUTC(), Duration.ofSeconds(5))
                .send(new WebhookSender.Delivery(localUrl(), List.of(current, previous), event(Map.of("a", 1))));

        Received delivery = next();
        assertThat(header(delivery, "webhook-signature").split(" ")).hasSize(2);
        new Webhook(current.reveal()).verify(delivery.body(), delivery.headers());
        new Webhook(previous.reveal()).verify(delivery.body(), delivery.headers());
    }

    @Test
    void an_event_over_64_kib_is_delivered_thin_with_a_link() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        WebhookSender.Event large = event(Map.of("blob", "x".repeat(70 * 1024)));

        WebhookSender.Attempt attempt = sender(Clock.systemUTC(), Duration.ofSeconds(5))
                .send(new WebhookSender.Delivery(localUrl(), List.of(secret), large));

        assertThat(attempt.thin()).isTrue();
        Received delivery = next();
        assertThat(delivery.body().length()).isLessThan(JdkWebhookSender.MAX_BODY_BYTES);
        JsonNode json = new ObjectMapper().readTree(delivery.body());
        assertThat(json.path("dataref").asText()).isEqualTo("/v1/groups/7b1e4c2a-9d3f-4e5a-8b6c-0d1e2f3a4b5c");
        assertThat(json.path("data").path("groupId").asText()).isEqualTo("7b1e4c2a-9d3f-4e5a-8b6c-0d1e2f3a4b5c");
        assertThat(json.path("data").has("blob")).isFalse();
        assertThat(json.path("id").asText()).isEqualTo(large.id().toString());
        new Webhook(secret.reveal()).verify(delivery.body(), delivery.headers());
    }

    @Test
    void a_slow_receiver_redirects_gone_and_retry_after_are_reported() throws Exception {
        String url = localUrl();
        JdkWebhookSender sender = sender(Clock.systemUTC(), Duration.ofMillis(700));
        WebhookSender.Delivery delivery = new WebhookSender.Delivery(url, List.of(WebhookSecret.generate()),
                event(Map.of("a", 1)));

        delayMillis = 1500;
        WebhookSender.Attempt late = sender.send(delivery);
        assertThat(late.outcome()).isEqualTo(WebhookSender.Outcome.FAILED);
        assertThat(late.error()).contains("no answer");
        assertThat(late.duration()).isLessThan(Duration.ofMillis(1400));
        delayMillis = 0;
        next();

        status = 307;
        answerHeaders = Map.of("Location", "http://127.0.0.1:9/elsewhere");
        WebhookSender.Attempt redirected = sender.send(delivery);
        assertThat(redirected.outcome()).isEqualTo(WebhookSender.Outcome.FAILED);
        assertThat(redirected.statusCode()).isEqualTo(307);

        status = 410;
        answerHeaders = Map.of();
        assertThat(sender.send(delivery).outcome()).isEqualTo(WebhookSender.Outcome.GONE);

        status = 429;
        answerHeaders = Map.of("Retry-After", "7200");
        assertThat(sender.send(delivery).retryAfter()).isEqualTo(Duration.ofHours(1));
        status = 503;
        answerHeaders = Map.of("Retry-After", "30");
        assertThat(sender.send(delivery).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        status = 500;
        assertThat(sender.send(delivery).retryAfter()).isNull();
    }

    @Test
    void a_target_resolving_to_an_internal_address_is_refused_without_a_connection() throws Exception {
        String url = localUrl().replace("127.0.0.1", "inside.example.com").replace("http:", "https:");
        WebhookTargets targets = new WebhookTargets(Set.of(), host -> List.of(InetAddress.getLoopbackAddress()));
        JdkWebhookSender sender = new JdkWebhookSender(targets, Duration.ofSeconds(2), null, Clock.systemUTC());

        WebhookSender.Attempt attempt = sender.send(new WebhookSender.Delivery(url,
                List.of(WebhookSecret.generate()), event(Map.of("a", 1))));

        assertThat(attempt.outcome()).isEqualTo(WebhookSender.Outcome.REFUSED);
        assertThat(attempt.error()).contains("127.0.0.1");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    /** A key store holding a self-signed certificate for {@code name}, made by the JDK's keytool. */
    private static KeyStore certificateFor(Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file.toFile())) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private String httpsReceiver(KeyStore identity) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        serve(https);
        return "https://receiver.test:" + https.getAddress().getPort() + "/in?x=1";
    }

    private static KeyStore trusting(KeyStore identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("receiver", identity.getCertificate("receiver"));
        return trust;
    }

    @Test
    void a_pinned_https_delivery_goes_to_the_checked_address_and_checks_the_certificate_against_the_host(
            @TempDir Path dir) throws Exception {
        KeyStore identity = certificateFor(dir, "receiver.test");
        String url = httpsReceiver(identity);
        AtomicLookups lookups = new AtomicLookups();
        WebhookTargets targets = new WebhookTargets(Set.of(), lookups, address -> true);
        JdkWebhookSender sender = new JdkWebhookSender(targets, Duration.ofSeconds(5), trusting(identity),
                Clock.systemUTC());

        WebhookSender.Attempt attempt = sender.send(new WebhookSender.Delivery(url,
                List.of(WebhookSecret.generate()), event(Map.of("a", 1))));

        assertThat(attempt.outcome()).as(String.valueOf(attempt.error())).isEqualTo(WebhookSender.Outcome.DELIVERED);
        Received delivery = next();
        assertThat(header(delivery, "host")).isEqualTo("receiver.test:" + server.getAddress().getPort());
        assertThat(lookups.names).containsExactly("receiver.test");
    }

    @Test
    void a_pinned_https_delivery_fails_when_the_certificate_names_another_host(@TempDir Path dir) throws Exception {
        KeyStore identity = certificateFor(dir, "other.test");
        String url = httpsReceiver(identity);
        WebhookTargets targets = new WebhookTargets(Set.of(), new AtomicLookups(), address -> true);
        JdkWebhookSender sender = new JdkWebhookSender(targets, Duration.ofSeconds(5), trusting(identity),
                Clock.systemUTC());

        WebhookSender.Attempt attempt = sender.send(new WebhookSender.Delivery(url,
                List.of(WebhookSecret.generate()), event(Map.of("a", 1))));

        assertThat(attempt.outcome()).isEqualTo(WebhookSender.Outcome.FAILED);
        assertThat(attempt.error()).contains("TLS");
        assertThat(received).isEmpty();
    }

    /** Resolves every name to the loopback address and records which names were asked. */
    private static final class AtomicLookups implements WebhookTargets.Resolver {
        final java.util.List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public List<InetAddress> resolve(String host) {
            names.add(host);
            return List.of(InetAddress.getLoopbackAddress());
        }
    }
}
