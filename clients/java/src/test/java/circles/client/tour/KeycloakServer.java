package circles.client.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak ({@code bin/kc.sh start-dev}) as a child process, with the Circles realm imported: the realm's
 * public client {@code circles-cli} allows the password grant, alice has the realm role {@code platform-admin}, bob
 * has none. Its database lives in memory, so every start imports the realm file as it is now. Its HTTP and
 * management ports are free ports of this machine, and it is addressed as {@code 127.0.0.1} throughout, because the
 * issuer in its tokens carries the exact host it was asked by. Its output goes to {@code target/keycloak-run.log}.
 */
final class KeycloakServer implements AutoCloseable {
    private static final String REALM = "circles";
    private static final String CLIENT_ID = "circles-cli";
    private static final Duration START_PATIENCE = Duration.ofMinutes(4);

    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private KeycloakServer(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * Starts the Keycloak unpacked at {@code home} with {@code realmFile} imported, and waits until the realm answers
     * its OpenID Connect discovery.
     */
    static KeycloakServer start(Path home, Path realmFile) {
        Path launcher = home.resolve("bin").resolve("kc.sh");
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher.toAbsolutePath() + " is missing: the e2e profile unpacks"
                    + " Keycloak there (./mvnw -B verify -Pe2e)");
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            Files.copy(realmFile, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            int httpPort = freePort();
            int managementPort = freePort();
            Path log = Path.of("target", "keycloak-run.log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", launcher.toAbsolutePath().toString(),
                    "start-dev", "--db=dev-mem", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort))
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("QUARKUS_"));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            KeycloakServer keycloak = new KeycloakServer(builder.start(), httpPort);
            // A test JVM that ends without closing it (a crash, an interrupt) still takes Keycloak down with it.
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
            keycloak.awaitRealm(log);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak from " + home, e);
        }
    }

    /** The realm's issuer URL, what Circles' {@code QUARKUS_OIDC_AUTH_SERVER_URL} names. */
    String issuer() {
        return "http://127.0.0.1:" + httpPort + "/realms/" + REALM;
    }

    /** An access token for {@code username}, from the realm's token endpoint by the password grant. */
    String token(String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", CLIENT_ID, "username", username,
                        "password", password, "scope", "openid")
                .entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = json.readTree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("could not get a token for " + username, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while getting a token", e);
        }
    }

    /** Stops Keycloak (its launcher script and the JVM it started) and waits until it is gone. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRealm(Path log) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting (exit " + process.exitValue()
                        + "), see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        close();
        throw new IllegalStateException("Keycloak's realm is not ready after " + START_PATIENCE + ", see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
