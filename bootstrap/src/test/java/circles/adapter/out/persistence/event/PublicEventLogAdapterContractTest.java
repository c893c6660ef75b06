package circles.adapter.out.persistence.event;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventLogContract;
import circles.application.port.out.shared.PortFixture;
import io.quarkus.test.junit.QuarkusTest;
import circles.bootstrap.support.PostgresTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class PublicEventLogAdapterContractTest extends PublicEventLogContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    PublicEventLog log;

    /** A published event is a fact: the table refuses to change one, whoever asks. */
    @Test
    void the_table_is_insert_only() throws SQLException {
        try (Connection connection = PostgresTestResource.superuserConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("insert into public_events (id, aggregatetype, aggregateid, type, payload, org_id,"
                    + " occurred_at) values (gen_random_uuid(), 'group', 'x', 'circles.group.created', '{}',"
                    + " gen_random_uuid(), now())");
            assertThatThrownBy(() -> statement.executeUpdate("update public_events set type = type"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("insert-only");
        }
    }

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected PublicEventLog log() {
        return log;
    }
}
