package circles.application.port.out.membership;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.List;

/**
 * Tells, in one cheap statement, whether anything a user's list of groups depends on may have changed since an
 * earlier moment, so that a kept answer can be served without reading the list again.
 * <p>
 * Every write that changes a membership, a group, or a member's standing in an org publishes an event of that org in
 * the public event log, in the transaction of the change. A stamp is the position of the log for the orgs an answer
 * depends on: the oldest transaction still running when it was taken, and how many events of those orgs from that
 * transaction on were committed. Events are only ever added, and a transaction that commits later has an id at or
 * above that point, so the count grows with every later commit of such a change, on whichever process it ran.
 */
public interface AnswerStamps {

    /**
     * The log's position for the answer about {@code userId}: in {@code orgId}, or across the orgs the user belongs
     * to when {@code orgId} is null. Also the next moment after {@code now} at which one of the user's memberships
     * there starts or ends (null if none), since the answer changes then without any write.
     */
    Stamp take(UserId userId, OrgId orgId, Instant now);

    /** Whether no event was committed since {@code stamp} in the orgs it covers (nor in orgs the user joined since). */
    boolean unchanged(UserId userId, OrgId orgId, Stamp stamp);

    /**
     * A position of the log. {@code orgs} the orgs covered; {@code from} the transaction id counted from;
     * {@code seen} the events counted; {@code nextChange} the next validity boundary; {@code keepable} false when the
     * answer depends on something the log does not cover (a membership of a group outside any org).
     */
    record Stamp(List<OrgId> orgs, String from, long seen, Instant nextChange, boolean keepable) {
        public Stamp {
            orgs = List.copyOf(orgs);
        }
    }
}
