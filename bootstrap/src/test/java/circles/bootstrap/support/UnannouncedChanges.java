package circles.bootstrap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Directory changes written straight to the database, past the service: no directory event announces them, so no
 * event-driven re-check sees them, and the snapshots of dynamic groups stay as they were until a full evaluation (a
 * manual, scheduled or background refresh) looks again. This is what the scheduled refresh exists for (and what
 * criteria relative to others or to time look like to it).
 */
public final class UnannouncedChanges {
    private UnannouncedChanges() {
    }

    /**
     * Changes the member's department in the database. The org's events still pending (the member's arrival, say) are
     * handled first: their re-check reads the current data and would otherwise take this change in after all.
     */
    public static void department(String orgId, String userId, String department) {
        DirectoryEventQueue.awaitHandled(orgId);
        try (Connection connection = PostgresTestResource.superuserConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update org_members set department = ? where org_id = ? and user_id = ?")) {
            update.setString(1, department);
            update.setObject(2, UUID.fromString(orgId));
            update.setString(3, userId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException(userId + " is not a member of org " + orgId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change the department of " + userId, e);
        }
    }
}
