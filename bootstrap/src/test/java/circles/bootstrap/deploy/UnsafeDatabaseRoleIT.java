package circles.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.crash.PackagedCircles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (production profile) connected as a PostgreSQL superuser stops at start-up, naming the
 * role and the fix, before Flyway has created anything: row-level security would not apply to that role.
 */
class UnsafeDatabaseRoleIT {

    @Test
    void a_production_start_as_a_superuser_stops_before_migrating_and_names_the_role() {
        try (PackagedCircles circles = PackagedCircles.prepare(Map.of())) {
            String output = circles.refusedStart(Map.of("QUARKUS_DATASOURCE_USERNAME", "postgres"));

            assertThat(output).contains("database role 'postgres'").contains("SUPERUSER")
                    .contains("NOSUPERUSER NOBYPASSRLS");
            assertThat(circles.count("select count(*) from pg_tables where schemaname = 'public'"))
                    .as("tables made by the refused start").isZero();
        }
    }
}
