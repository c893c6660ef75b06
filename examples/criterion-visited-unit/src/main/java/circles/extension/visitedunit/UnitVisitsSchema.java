package circles.extension.visitedunit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Migrates this module's table at start-up, after Circles' own migrations (which run before the start-up event),
 * with Flyway on the host's data source but with a history table of its own: the module numbers its migrations
 * from 1 without ever meeting Circles' versions, and Circles' schema and migration list stay untouched.
 */
@Singleton
class UnitVisitsSchema {
    static final String LOCATION = "classpath:db/visited-unit";
    static final String HISTORY_TABLE = "visited_unit_schema_history";

    void migrate(@Observes StartupEvent started, DataSource dataSource) {
        Flyway.configure(UnitVisitsSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The schema already holds Circles' tables: start this history at version 0, before V1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
