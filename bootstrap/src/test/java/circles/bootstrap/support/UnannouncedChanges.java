package circles.bootstrap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Directory changes written straight to the database, past the service: no directory event announces them, so no
 * event-driven re-check sees them, and the snapshots of dynamic groups stay as they were until a full evaluation (a
 * manual, scheduled or background refresh) looks again. This is what the scheduled refresh exists for (and what
 * criteria relative to others or to time look like to it). Like every write of a member's row in the service, the
 * change is recorded in the public event log in its transaction, which is what member indexes follow.
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
                     "with changed as (update org_members set department = ? where org_id = ? and user_id = ?"
                             + " returning org_id, user_id) insert into public_events (id, aggregatetype,"
                             + " aggregateid, type, payload, org_id, occurred_at) select gen_random_uuid(),"
                             + " 'org_member', user_id, 'circles.org.member.changed', jsonb_build_object('data',"
                             + " jsonb_build_object('orgId', org_id, 'userId', user_id, 'changedFields',"
                             + " jsonb_build_array('department'))), org_id, now() from changed")) {
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
