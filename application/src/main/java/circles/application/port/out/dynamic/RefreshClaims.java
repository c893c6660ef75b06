package circles.application.port.out.dynamic;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who evaluates which dynamic group now. A group is claimed (its evaluation becomes {@code evaluating}) by one
 * claimer at a time, in PostgreSQL, so that several running instances never evaluate the same group at once. A claim
 * has a holder token and a short lease that its instance renews while the work runs; the holder releases it when
 * done (idle or failed, with the next scheduled time). A claim whose lease ran out (its instance died or stopped
 * renewing) may be taken over by another claimer, and from then on its former holder can neither renew nor release it.
 */
public interface RefreshClaims {

    enum Status { IDLE, EVALUATING, FAILED }

    /** A claim taken: {@code holder} is the token that alone renews and releases it. */
    record Claim(GroupId groupId, OrgId orgId, int refreshIntervalMinutes, UUID holder) {
        public Claim {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(holder, "holder");
        }
    }

    /** The evaluation block of a dynamic group, with its schedule and cached member count. */
    record State(Status status, Instant evaluationStartedAt, Instant lastComputedAt, String lastError,
                 int refreshIntervalMinutes, Instant nextRefreshAt, long memberCount) {
    }

    /**
     * Claims, across orgs, up to {@code limit} active dynamic groups whose next refresh is due at {@code now} and
     * that nobody holds (no claim, or one whose lease ended), each until {@code now + lease}; the oldest due first.
     * Groups another transaction is claiming or writing right now are skipped, not waited for.
     */
    List<Claim> claimDue(Instant now, Duration lease, int limit);

    /**
     * Claims one group (a manual refresh) until {@code now + lease}; empty when another claim holds it. The group
     * counts as due from {@code now} while claimed, so that the scheduled refresh takes it over should the claimer
     * die (once the lease has ended).
     */
    Optional<Claim> claim(GroupId groupId, OrgId orgId, Instant now, Duration lease);

    /**
     * Extends the claims that their holders still hold to {@code now + lease}, across orgs, and returns those. It
     * never waits: a claim that another transaction is releasing or taking over right now is left out.
     */
    List<Claim> renew(Collection<Claim> claims, Instant now, Duration lease);

    /**
     * Ends a claim if its holder still holds it: the evaluation is idle, or failed with {@code error} when it is not
     * null; next due at {@code nextRefreshAt}, or sooner when {@link #schedule} asked for a sooner time after the
     * claim began (a refresh asked for while the group was being evaluated is not lost). False, and nothing changed,
     * when the claim was taken over (the new holder's evaluation is left alone) or is gone.
     */
    boolean release(Claim claim, String error, Instant nextRefreshAt);

    /** Sets the group's schedule: every {@code intervalMinutes} (0 = none), next at {@code nextRefreshAt}. */
    void schedule(GroupId groupId, OrgId orgId, int intervalMinutes, Instant nextRefreshAt);

    Optional<State> state(GroupId groupId, OrgId orgId);
}
