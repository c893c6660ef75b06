package circles.adapter.out.webhook;

import circles.application.port.out.webhook.WebhookSender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a delivery with the JDK HTTP client: a POST of the CloudEvent JSON with the Standard Webhooks headers
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}). An event whose JSON exceeds
 * {@value #MAX_BODY_BYTES} bytes is sent thin: its {@code data} holds only the ids of what changed and
 * {@code dataref} links to it. A 2xx within the timeout is success; a redirect is a failure (never followed), 410
 * asks for no more deliveries, a {@code Retry-After} on 429 or 503 is passed on (at most an hour).
 *
 * <p>The target host is resolved and checked by {@link WebhookTargets} for every attempt, and the connection goes
 * to the checked address, with the host name in {@code Host}, in TLS SNI and in the certificate check. One client
 * (with its pool of kept-alive connections) serves each target, that is each scheme, host, port and checked address
 * ({@link TargetClients}); {@link #send} may be called from many threads at once. Secrets and signatures are never
 * logged.
 */
public final class JdkWebhookSender implements WebhookSender {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(JdkWebhookSender.class);
    private static final String USER_AGENT = "Circles-Webhooks/1";
    private static final String HOST_HEADER_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    static {
        // A delivery to a checked address names its host in the Host header; the JDK client allows that header
        // only when this property is set before the client's first use.
        String allowed = System.getProperty(HOST_HEADER_PROPERTY);
        if (allowed == null || allowed.isBlank()) {
            System.setProperty(HOST_HEADER_PROPERTY, "host");
        } else if (!allowed.toLowerCase(java.util.Locale.ROOT).contains("host")) {
            System.setProperty(HOST_HEADER_PROPERTY, allowed + ",host");
        }
    }

    private final WebhookTargets targets;
    private final Duration timeout;
    private final KeyStore trustStore;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final TargetClients clients = new TargetClients(this::client);

    /**
     * @param trustStore the CAs a receiver's certificate must chain to; null for the JDK's default
     */
    public JdkWebhookSender(WebhookTargets targets, Duration timeout, KeyStore trustStore, Clock clock) {
        this.targets = targets;
        this.timeout = timeout;
        this.trustStore = trustStore;
        this.clock = clock;
    }

    @Override
    public Attempt send(Delivery delivery) {
        long started = System.nanoTime();
        WebhookTargets.Target target;
        try {
            target = targets.resolve(delivery.url());
        } catch (WebhookTargets.Refused refused) {
            return new Attempt(Outcome.REFUSED, null, elapsed(started), "the URL " + refused.getMessage(), null,
                    false);
        } catch (UnknownHostException unknown) {
            return new Attempt(Outcome.FAILED, null, elapsed(started), "the host name does not resolve", null,
                    false);
        }
        byte[] body = body(delivery.event(), false);
        boolean thin = body.length > MAX_BODY_BYTES;
        if (thin) {
            body = body(delivery.event(), true);
        }
        String id = delivery.event().id().toString();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(connectUri(target))
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", StandardWebhookSignature.header(delivery.secrets(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.pinned() != null) {
            request.header("host", hostHeader(target));
        }
        HttpClient client;
        try {
            client = clients.get(target);
        } catch (GeneralSecurityException failure) {
            return new Attempt(Outcome.FAILED, null, elapsed(started), "TLS could not be set up", null, thin);
        }
        try {
            return answer(client, request.build(), started, thin);
        } catch (IllegalArgumentException restricted) {
            LOG.error("Webhook deliveries need the JDK HTTP client to allow the Host header: start the JVM with -D"
                    + HOST_HEADER_PROPERTY + "=host");
            return new Attempt(Outcome.FAILED, null, elapsed(started), "the delivery could not be prepared", null,
                    thin);
        }
    }

    /** Closes the clients kept for targets (their pooled connections). */
    public void close() {
        clients.closeAll();
    }

    private Attempt answer(HttpClient client, HttpRequest request, long started, boolean thin) {
        CompletableFuture<HttpResponse<Void>> pending = client.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            pending.cancel(true);
            return failed(started, "no answer within " + timeout.toSeconds() + " s", thin);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            return failed(started, "interrupted", thin);
        } catch (ExecutionException failure) {
            return failed(started, describe(failure.getCause()), thin);
        }
        int status = response.statusCode();
        Duration took = elapsed(started);
        if (status >= 200 && status < 300) {
            return new Attempt(Outcome.DELIVERED, status, took, null, null, thin);
        }
        if (status == 410) {
            return new Attempt(Outcome.GONE, status, took, "the receiver answered 410 Gone", null, thin);
        }
        String error = status >= 300 && status < 400 ? "redirect to another URL (not followed)"
                : "the receiver answered " + status;
        Duration retryAfter = status == 429 || status == 503
                ? retryAfter(response.headers().firstValue("retry-after").orElse(null)) : null;
        return new Attempt(Outcome.FAILED, status, took, error, retryAfter, thin);
    }

    /**
     * A client for the target's scheme, host, port and checked address: a new one for a target not seen lately, so
     * that its connections are pooled (kept alive) for the next deliveries to the same place and never shared with
     * another host or address.
     */
    HttpClient client(WebhookTargets.Target target) throws GeneralSecurityException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .proxy(HttpClient.Builder.NO_PROXY);
        if (target.pinned() != null && target.uri().getScheme().equalsIgnoreCase("https")) {
            builder.sslContext(PinnedHostTrust.context(trustStore, target.host()));
            SSLParameters parameters = new SSLParameters();
            if (WebhookTargets.literal(target.host()) == null) {
                parameters.setServerNames(java.util.List.of(new SNIHostName(target.host())));
            }
            builder.sslParameters(parameters);
        } else if (trustStore != null) {
            builder.sslContext(PinnedHostTrust.context(trustStore, target.host()));
        }
        if (target.uri().getScheme().equalsIgnoreCase("http")) {
            // Plain http (allowed local receivers only): HTTP/1.1 straight away, no upgrade offer on every request.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder.build();
    }

    /** The URL with its host replaced by the checked address (when there is one). */
    private static URI connectUri(WebhookTargets.Target target) {
        URI uri = target.uri();
        if (target.pinned() == null) {
            return uri;
        }
        String address = target.pinned().getHostAddress();
        if (target.pinned() instanceof Inet6Address) {
            int zone = address.indexOf('%');
            address = "[" + (zone < 0 ? address : address.substring(0, zone)) + "]";
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + address + ":" + target.port()
                + path + query);
    }

    private static String hostHeader(WebhookTargets.Target target) {
        boolean defaultPort = target.uri().getPort() == -1;
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return defaultPort ? host : host + ":" + target.port();
    }

    /** The CloudEvent JSON; thin: {@code data} reduced to the ids of what changed, with {@code dataref}. */
    byte[] body(Event event, boolean thin) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.id().toString());
        envelope.put("source", event.source());
        envelope.put("type", event.type());
        if (event.subject() != null) {
            envelope.put("subject", event.subject());
        }
        envelope.put("time", event.time().toString());
        envelope.put("datacontenttype", "application/json");
        if (thin && event.dataref() != null) {
            envelope.put("dataref", event.dataref());
        }
        envelope.put("data", thin ? event.thinData() : event.data());
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an event's data cannot be written as JSON", impossible);
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date, at most {@link #MAX_RETRY_AFTER}; null when unusable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private static Attempt failed(long started, String error, boolean thin) {
        return new Attempt(Outcome.FAILED, null, elapsed(started), error, null, thin);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (failure instanceof ConnectException) {
            return "the connection was refused or could not be made";
        }
        if (failure instanceof SSLException) {
            return "TLS failed: " + failure.getMessage();
        }
        if (failure instanceof IOException) {
            return "the connection failed: " + failure.getClass().getSimpleName();
        }
        return "the delivery failed: " + (failure == null ? "unknown" : failure.getClass().getSimpleName());
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
