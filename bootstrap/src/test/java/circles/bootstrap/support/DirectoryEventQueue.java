package circles.bootstrap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The outbox of directory events as tests see it. Event-driven freshness works on these events right after their
 * commit, on other threads: a test that changes data behind the service's back, or that counts what a refresh does,
 * first waits until the org's events are handled, so that a late event cannot change the outcome.
 */
public final class DirectoryEventQueue {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private DirectoryEventQueue() {
    }

    /** Waits until no directory event of the org is pending any more (handled or parked). */
    public static void awaitHandled(String orgId) {
        boolean done = RecordingDirectoryEventConsumer.eventually(PATIENCE, () -> pending(orgId) == 0);
        if (!done) {
            throw new IllegalStateException("directory events of org " + orgId + " still pending after " + PATIENCE);
        }
    }

    private static long pending(String orgId) {
        try (Connection connection = PostgresTestResource.superuserConnection();
             PreparedStatement query = connection.prepareStatement("select count(*) from member_events"
                     + " where org_id = ? and handled_at is null and parked_at is null")) {
            query.setObject(1, UUID.fromString(orgId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox", e);
        }
    }
}
