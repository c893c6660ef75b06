package circles.bootstrap.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes PostgreSQL refuse the membership history rows of one dynamic group while it is open, so that an evaluation
 * of that group that changes its members fails inside the database (after the snapshot was written in the same
 * transaction), as a real storage failure would.
 */
public final class RefusedHistory implements AutoCloseable {
    private final String trigger = "refuse_history_" + UUID.randomUUID().toString().replace("-", "");

    public RefusedHistory(String groupId) throws SQLException {
        UUID group = UUID.fromString(groupId);
        try (Connection connection = PostgresTestResource.superuserConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    create or replace function circles_test_refuse_history() returns trigger
                    language plpgsql as $$ begin raise exception 'refused for this test'; end $$""");
            statement.execute("create trigger " + trigger + " before insert on group_membership_events"
                    + " for each row when (new.group_id = '" + group + "')"
                    + " execute function circles_test_refuse_history()");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = PostgresTestResource.superuserConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop trigger " + trigger + " on group_membership_events");
        }
    }
}
