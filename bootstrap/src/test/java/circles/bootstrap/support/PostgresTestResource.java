package circles.bootstrap.support;

import circles.bootstrap.embedded.CirclesDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL every {@code @QuarkusTest} runs against, chosen in this order:
 * <ol>
 *   <li>a server named by the environment: {@code CIRCLES_TEST_JDBC_URL}, {@code CIRCLES_TEST_DB_USER},
 *       {@code CIRCLES_TEST_DB_PASSWORD} (used as given; {@code CIRCLES_TEST_SUPERUSER_JDBC_URL},
 *       {@code CIRCLES_TEST_SUPERUSER}, {@code CIRCLES_TEST_SUPERUSER_PASSWORD} optionally name an
 *       administrative connection for test set-up);</li>
 *   <li>a PostgreSQL 17 container, when a Docker engine is reachable;</li>
 *   <li>an embedded PostgreSQL 17 (a real server run as a child process) in a fresh temporary folder.</li>
 * </ol>
 * In the last two cases the application connects as the non-superuser role {@code circles} that owns
 * the database {@code circles}, exactly as in dev mode and production, so row-level security applies.
 *
 * <p>Registered once for all tests by {@link AllTestsResources}; every test shares one Quarkus instance.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** System property (and config property) holding the administrative JDBC URL, user and password included. */
    public static final String SUPERUSER_JDBC_URL = "circles.test.superuser-jdbc-url";

    private static final String POSTGRES_IMAGE = "postgres:17-alpine";
    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class);

    private AutoCloseable server;

    @Override
    public Map<String, String> start() {
        String givenUrl = System.getenv("CIRCLES_TEST_JDBC_URL");
        if (givenUrl != null && !givenUrl.isBlank()) {
            return fromEnvironment(givenUrl);
        }
        if (dockerAvailable()) {
            return inContainer();
        }
        return embedded();
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("Could not stop the test PostgreSQL", e);
            }
            server = null;
        }
    }

    /** The administrative JDBC URL (user and password included) of the test database, for test set-up. */
    public static String superuserJdbcUrl() {
        String url = System.getProperty(SUPERUSER_JDBC_URL);
        if (url == null) {
            throw new IllegalStateException("The test PostgreSQL has not been started");
        }
        return url;
    }

    /** A new administrative connection to the test database; close it after use. */
    public static Connection superuserConnection() throws SQLException {
        return new org.postgresql.Driver().connect(superuserJdbcUrl(), new Properties());
    }

    private Map<String, String> fromEnvironment(String url) {
        String user = System.getenv().getOrDefault("CIRCLES_TEST_DB_USER", CirclesDatabase.ROLE);
        String password = System.getenv().getOrDefault("CIRCLES_TEST_DB_PASSWORD", CirclesDatabase.PASSWORD);
        String adminUrl = System.getenv().getOrDefault("CIRCLES_TEST_SUPERUSER_JDBC_URL", url);
        String admin = System.getenv().getOrDefault("CIRCLES_TEST_SUPERUSER", user);
        String adminPassword = System.getenv().getOrDefault("CIRCLES_TEST_SUPERUSER_PASSWORD", password);
        LOG.infof("Tests use the PostgreSQL at %s", url);
        return settings(url, user, password, withCredentials(adminUrl, admin, adminPassword));
    }

    private Map<String, String> inContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        server = container::stop;
        String serverUrl = container.getJdbcUrl();
        CirclesDatabase.provision(serverUrl, container.getUsername(), container.getPassword());
        String url = CirclesDatabase.jdbcUrl(container.getHost(), container.getMappedPort(5432));
        LOG.infof("Tests use a PostgreSQL container (%s) at %s", POSTGRES_IMAGE, url);
        return settings(url, CirclesDatabase.ROLE, CirclesDatabase.PASSWORD,
                withCredentials(url, container.getUsername(), container.getPassword()));
    }

    private Map<String, String> embedded() {
        try {
            Path dataDir = Files.createTempDirectory("circles-test-pg");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog()));
            if (Boolean.parseBoolean(System.getenv("CIRCLES_TEST_PG_DURABLE"))) {
                // Benchmarks measure with the durability of a production server, not the test defaults.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            String explainMs = System.getenv("CIRCLES_TEST_PG_EXPLAIN_MS");
            if (explainMs != null && !explainMs.isBlank()) {
                // Profiling: the plan of every statement slower than this, with its actual rows and times, goes to
                // target/test-postgres.log (statements inside functions and CTE writes included).
                builder.setServerConfig("shared_preload_libraries", "auto_explain")
                        .setServerConfig("auto_explain.log_min_duration", explainMs.strip())
                        .setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("auto_explain.log_buffers", "on")
                        .setServerConfig("auto_explain.log_nested_statements", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            server = postgres;
            CirclesDatabase.provision(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
            String url = CirclesDatabase.jdbcUrl("localhost", postgres.getPort());
            LOG.infof("Tests use an embedded PostgreSQL at %s", url);
            return settings(url, CirclesDatabase.ROLE, CirclesDatabase.PASSWORD,
                    withCredentials(url, "postgres", null));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
    }

    /** The server's own output goes to a file instead of cluttering the test output. */
    private static java.io.File serverLog() throws IOException {
        Path log = Path.of("target", "test-postgres.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        return log.toFile();
    }

    private static Map<String, String> settings(String url, String user, String password, String superuserUrl) {
        System.setProperty(SUPERUSER_JDBC_URL, superuserUrl);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                SUPERUSER_JDBC_URL, superuserUrl);
    }

    private static String withCredentials(String url, String user, String password) {
        StringBuilder result = new StringBuilder(url).append(url.contains("?") ? '&' : '?')
                .append("user=").append(encode(user));
        if (password != null) {
            result.append("&password=").append(encode(password));
        }
        return result.toString();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Asks Testcontainers only when a Docker engine could plausibly be there: its discovery is slow
     * and logs errors on machines without one.
     */
    private static boolean dockerAvailable() {
        boolean hinted = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || testcontainersConfiguresDocker()
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || runtimeDirSocket();
        if (!hinted) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Testcontainers writes this file itself, so only a configured Docker host or strategy counts. */
    private static boolean testcontainersConfiguresDocker() {
        Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        try {
            return Files.exists(file) && Files.readAllLines(file).stream()
                    .anyMatch(line -> line.startsWith("docker.host") || line.startsWith("docker.client.strategy"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean runtimeDirSocket() {
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return runtimeDir != null
                && (Files.exists(Path.of(runtimeDir, "docker.sock"))
                        || Files.exists(Path.of(runtimeDir, "podman", "podman.sock")));
    }
}
