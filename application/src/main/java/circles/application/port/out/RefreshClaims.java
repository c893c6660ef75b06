package circles.application.port.out;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who evaluates which dynamic group now. A group is claimed (its evaluation becomes {@code evaluating}) by one
 * instance at a time, in PostgreSQL, so that several running instances never evaluate the same group at once;
 * the claimer releases it when done (idle or failed, with the next scheduled time). A claim older than its lease
 * (an instance that died mid-evaluation) may be taken over.
 */
public interface RefreshClaims {

    enum Status { IDLE, EVALUATING, FAILED }

    record Claim(GroupId groupId, OrgId orgId, int refreshIntervalMinutes) {
        public Claim {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(orgId, "orgId");
        }
    }

    /** The evaluation block of a dynamic group, with its schedule and cached member count. */
    record State(Status status, Instant evaluationStartedAt, Instant lastComputedAt, String lastError,
                 int refreshIntervalMinutes, Instant nextRefreshAt, long memberCount) {
    }

    /**
     * Claims, across orgs, up to {@code limit} active dynamic groups whose next refresh is due at {@code now} and
     * that nobody evaluates (or whose claim is older than {@code lease}); the oldest due first. Groups another
     * transaction is claiming right now are skipped, not waited for.
     */
    List<Claim> claimDue(Instant now, Duration lease, int limit);

    /**
     * Claims one group (a manual refresh); empty when another claim holds it and is younger than {@code lease}. The
     * group counts as due from {@code now} while claimed, so that the scheduled refresh takes it over should the
     * claimer die (once the lease has ended).
     */
    Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease);

    /**
     * Ends a claim: the evaluation is idle, or failed with {@code error} when it is not null; next due at
     * {@code nextRefreshAt}, or sooner when {@link #schedule} asked for a sooner time after the claim began (a
     * refresh asked for while the group was being evaluated is not lost).
     */
    void release(GroupId groupId, OrgId orgId, String error, Instant nextRefreshAt);

    /** Sets the group's schedule: every {@code intervalMinutes} (0 = none), next at {@code nextRefreshAt}. */
    void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt);

    Optional<State> state(GroupId groupId, OrgId orgId);
}
