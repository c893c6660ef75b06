package circles.bootstrap.embedded;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * The embedded default for development: when {@code circles.embedded-postgres.enabled=true} (set for
 * the dev profile only), a real PostgreSQL server runs as a child process with its data kept in a
 * local folder, and the datasource points at it.
 *
 * <p>Dev mode builds its configuration several times in one JVM (augmentation, start, every hot
 * reload). A server already listening on the configured port is reused rather than started again;
 * it stops with the JVM.
 *
 * <p>Settings: {@code circles.embedded-postgres.port} (default {@value #DEFAULT_PORT}) and
 * {@code circles.embedded-postgres.data-dir} (default {@value #DEFAULT_DATA_DIR}, relative to the
 * working directory).
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "circles.embedded-postgres.enabled";
    static final String PORT = "circles.embedded-postgres.port";
    static final String DATA_DIR = "circles.embedded-postgres.data-dir";
    static final int DEFAULT_PORT = 54329;
    static final String DEFAULT_DATA_DIR = ".circles/pgdata";

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;
    private static final String HOST = "localhost";
    private static final String SUPERUSER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!Boolean.parseBoolean(valueOf(context, ENABLED, "false"))) {
            return List.of();
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            // A packaged application never starts a database, whatever its configuration says.
            LOG.warnf("%s is ignored outside dev and test mode", ENABLED);
            return List.of();
        }
        int port = Integer.parseInt(valueOf(context, PORT, String.valueOf(DEFAULT_PORT)));
        Path dataDir = Path.of(valueOf(context, DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();

        startUnlessRunning(port, dataDir);
        CirclesDatabase.provision("jdbc:postgresql://" + HOST + ":" + port + "/postgres", SUPERUSER, null);

        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", CirclesDatabase.jdbcUrl(HOST, port),
                "quarkus.datasource.username", CirclesDatabase.ROLE,
                "quarkus.datasource.password", CirclesDatabase.PASSWORD),
                "circles-embedded-postgres", ORDINAL));
    }

    private static synchronized void startUnlessRunning(int port, Path dataDir) {
        if (listening(port)) {
            LOG.debugf("Reusing the PostgreSQL server on port %d", port);
            return;
        }
        try {
            Files.createDirectories(dataDir);
            File serverLog = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
            EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog))
                    .start();
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s (server log: %s)",
                    port, dataDir, serverLog);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL on port " + port
                    + " with data in " + dataDir + ". Set " + PORT + " or " + DATA_DIR
                    + " to other values, or delete the data folder to start afresh.", e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String valueOf(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? fallback
                : value.getValue().trim();
    }
}
