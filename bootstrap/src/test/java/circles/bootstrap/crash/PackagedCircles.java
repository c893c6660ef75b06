package circles.bootstrap.crash;

import circles.bootstrap.embedded.CirclesDatabase;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, production profile) as a child {@code java}
 * process, against a PostgreSQL server of its own, for tests of what a real process does when it dies: it starts the
 * application, kills it with SIGKILL, and starts it again on the same database and port.
 *
 * <p>The database is an embedded PostgreSQL 17 in a fresh folder, prepared as for production: the application connects
 * as the non-superuser role that owns the database ({@link CirclesDatabase}), so row-level security applies; the test
 * gets a superuser connection to look at (and lock) what it needs. Tokens are RS256 tokens the harness signs with a key
 * pair of its own; the application verifies them with the public key and issuer given in its environment, as
 * production does without an issuer to fetch keys from. The application's output goes to {@code target/crash/}.
 *
 * <p>Other modules use it too (bootstrap publishes its test classes as a test-jar): they name the packaged application
 * by its path, and may point the application at a real token issuer instead ({@link #startWithIssuer}).
 */
public final class PackagedCircles implements AutoCloseable {
    private static final Path APPLICATION = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String ISSUER = "https://crash.circles.invalid";
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private final Path application;
    private final EmbeddedPostgres postgres;
    private final Path work;
    private final KeyPair keys;
    private final int httpPort;
    private final int managementPort;
    private final Map<String, String> environment;
    private final boolean ownsDatabase;
    private Process process;
    private int starts;

    private PackagedCircles(Path application, EmbeddedPostgres postgres, Path work, KeyPair keys, int httpPort,
                            int managementPort, Map<String, String> environment) {
        this(application, postgres, work, keys, httpPort, managementPort, environment, true);
    }

    private PackagedCircles(Path application, EmbeddedPostgres postgres, Path work, KeyPair keys, int httpPort,
                            int managementPort, Map<String, String> environment, boolean ownsDatabase) {
        this.ownsDatabase = ownsDatabase;
        this.application = application;
        this.postgres = postgres;
        this.work = work;
        this.keys = keys;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.environment = environment;
    }

    /**
     * Starts a database and the application on it. {@code settings} are added to the application's environment
     * (e.g. {@code CIRCLES_REFRESH_SYNC_LIMIT}); the database, token and HTTP settings are the harness's own.
     */
    public static PackagedCircles start(Map<String, String> settings) {
        return start(APPLICATION, settings);
    }

    /** As {@link #start(Map)}, for the packaged application at {@code application} (its {@code quarkus-run.jar}). */
    public static PackagedCircles start(Path application, Map<String, String> settings) {
        return start(application, rsaKeys(), null, settings, true);
    }

    /**
     * Starts a database prepared as for {@link #start(Map)}, without starting the application: for tests of a start
     * that is refused ({@link #refusedStart}).
     */
    public static PackagedCircles prepare(Map<String, String> settings) {
        return start(APPLICATION, rsaKeys(), null, settings, false);
    }

    /**
     * Starts a database and the application on it, the application trusting the tokens of a real OpenID Connect
     * issuer ({@code QUARKUS_OIDC_AUTH_SERVER_URL}, e.g. a Keycloak realm's URL) instead of the harness's own keys:
     * the caller brings its tokens, {@link #token} is not available.
     */
    public static PackagedCircles startWithIssuer(Path application, String issuerUrl, Map<String, String> settings) {
        return start(application, null, issuerUrl, settings, true);
    }

    private static PackagedCircles start(Path application, KeyPair keys, String issuerUrl,
                                         Map<String, String> settings, boolean launch) {
        if (!Files.isRegularFile(application)) {
            throw new IllegalStateException(application.toAbsolutePath() + " is missing: the packaged application is"
                    + " built by bootstrap's package phase (./mvnw verify)");
        }
        Path work = Path.of("target", "crash", "run-" + System.currentTimeMillis()).toAbsolutePath();
        EmbeddedPostgres postgres = startDatabase(work);
        try {
            CirclesDatabase.provision(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
            int port = freePort();
            int managementPort = freePort();
            Map<String, String> environment = new HashMap<>(settings);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", CirclesDatabase.jdbcUrl("localhost", postgres.getPort()));
            environment.put("QUARKUS_DATASOURCE_USERNAME", CirclesDatabase.ROLE);
            environment.put("QUARKUS_DATASOURCE_PASSWORD", CirclesDatabase.PASSWORD);
            if (keys != null) {
                environment.put("QUARKUS_OIDC_PUBLIC_KEY",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
                environment.put("QUARKUS_OIDC_TOKEN_ISSUER", ISSUER);
            } else {
                environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuerUrl);
            }
            environment.put("CIRCLES_CURSOR_KEYS", "crash:" + java.util.Base64.getEncoder()
                    .encodeToString("circles-packaged-run-cursor-key!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            environment.put("CIRCLES_SECRETS_KEYS", "crash:" + java.util.Base64.getEncoder()
                    .encodeToString("circles-packaged-run-secret-key!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            PackagedCircles circles = new PackagedCircles(application.toAbsolutePath(), postgres, work, keys, port,
                    managementPort, environment);
            if (launch) {
                circles.startApplication();
            }
            return circles;
        } catch (RuntimeException failure) {
            closeQuietly(postgres);
            throw failure;
        }
    }

    /**
     * A second instance of the application on this one's database, with the same settings and token keys but ports
     * and an output folder of its own, as a second replica in production; started and ready. Closing it stops only
     * its process: the database belongs to this instance.
     */
    public PackagedCircles anotherInstance() {
        Path otherWork = work.resolveSibling(work.getFileName() + "-instance-" + System.nanoTime());
        try {
            Files.createDirectories(otherWork);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        int otherManagementPort = freePort();
        Map<String, String> otherEnvironment = new HashMap<>(environment);
        otherEnvironment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        otherEnvironment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(otherManagementPort));
        PackagedCircles other = new PackagedCircles(application, postgres, otherWork, keys, port, otherManagementPort,
                otherEnvironment, false);
        other.startApplication();
        return other;
    }

    /**
     * Starts the application (again) and waits until it is ready; returns how long that took. The first start also
     * migrates the database.
     */
    public Duration startApplication() {
        if (isRunning()) {
            throw new IllegalStateException("the application is already running");
        }
        starts++;
        Path log = work.resolve("application-" + starts + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(application.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The parent's QUARKUS_* and CIRCLES_* settings (a developer's shell) must not change the run.
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("CIRCLES_"));
        builder.environment().putAll(environment);
        Instant started = Instant.now();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        boolean ready = eventually(START_PATIENCE, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application stopped while starting (exit "
                        + process.exitValue() + "):\n" + tail(log));
            }
            return answers(managementUri() + "/q/health/ready");
        });
        if (!ready) {
            throw new IllegalStateException("the application is not ready after " + START_PATIENCE + ":\n" + tail(log));
        }
        return Duration.between(started, Instant.now());
    }

    /**
     * Starts the application with {@code overrides} replacing any of its settings (the harness's own included, e.g.
     * {@code QUARKUS_DATASOURCE_USERNAME}) and expects it to stop by itself before it is ready; returns its output.
     */
    public String refusedStart(Map<String, String> overrides) {
        Map<String, String> usual = new HashMap<>(environment);
        environment.putAll(overrides);
        try {
            startApplication();
        } catch (IllegalStateException refused) {
            if (isRunning()) {
                throw refused;
            }
            try {
                return Files.readString(log());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } finally {
            environment.clear();
            environment.putAll(usual);
        }
        kill();
        throw new IllegalStateException("the application started with " + overrides.keySet() + " instead of stopping");
    }

    /** Kills the application with SIGKILL, as the kernel or an orchestrator does, and waits until it is gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the application to die", e);
        }
    }

    /**
     * Freezes the application with SIGSTOP at whatever point its threads are: nothing more of it runs until
     * {@link #resume()} or {@link #kill()}, while the kernel still delivers what it had already written to its sockets.
     */
    public void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} application run on (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** A request to the application, with a bearer token when {@code token} is not null. */
    public RequestSpecification as(String token) {
        RequestSpecification request = RestAssured.given().baseUri(baseUri()).contentType(ContentType.JSON);
        return token == null ? request : request.auth().oauth2(token);
    }

    public String baseUri() {
        return "http://localhost:" + httpPort;
    }

    /** The management interface (health, metrics), on a port of its own as in production. */
    public String managementUri() {
        return "http://localhost:" + managementPort;
    }

    /** A signed access token for {@code subject} with these roles (e.g. {@code platform-admin}), valid for an hour. */
    public String token(String subject, String... roles) {
        return tokenFor(null, subject, roles);
    }

    /**
     * As {@link #token}, with an {@code aud} claim naming {@code audience} (none when it is null), for applications
     * started with {@code QUARKUS_OIDC_TOKEN_AUDIENCE}.
     */
    public String tokenFor(String audience, String subject, String... roles) {
        if (keys == null) {
            throw new IllegalStateException("the application trusts a real issuer: tokens come from there");
        }
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":" + json(ISSUER) + ",\"sub\":" + json(subject)
                + ",\"preferred_username\":" + json(subject) + ",\"email\":" + json(subject + "@crash.example")
                + ",\"groups\":[" + Stream.of(roles).map(PackagedCircles::json).collect(Collectors.joining(","))
                + "]" + (audience == null ? "" : ",\"aud\":" + json(audience)) + ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** A superuser connection to the application's database (row-level security does not apply); close it. */
    public Connection superuserConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect(CirclesDatabase.jdbcUrl("localhost", postgres.getPort()),
                properties);
    }

    /** Waits until the org's directory events are handled (or parked), so that none of them changes data later. */
    public void awaitDirectoryEventsHandled(String orgId) {
        if (!eventually(Duration.ofSeconds(30), () -> count("select count(*) from member_events where org_id = ?"
                + " and handled_at is null and parked_at is null", UUID.fromString(orgId)) == 0)) {
            throw new IllegalStateException("directory events of org " + orgId + " are still pending");
        }
    }

    /** The first column of the first row of a query, run as superuser. */
    public long count(String sql, Object... parameters) {
        try (Connection connection = superuserConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code patience} has passed; whether it held. */
    public static boolean eventually(Duration patience, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The application's output of its latest start. */
    public Path log() {
        return work.resolve("application-" + starts + ".log");
    }

    @Override
    public void close() {
        kill();
        if (ownsDatabase) {
            closeQuietly(postgres);
        }
    }

    private void signal(String name) {
        if (!isRunning()) {
            throw new IllegalStateException("the application is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name, e);
        }
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(5_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static EmbeddedPostgres startDatabase(Path work) {
        try {
            Files.createDirectories(work);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(work.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(work.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Best effort: the folder is under target/ and a fresh one is used next time.
        }
    }
}
