package circles.application.port.out.dynamic;

import java.time.Duration;

/** How dynamic groups are refreshed on this deployment (configuration). */
public interface RefreshSettings {
    /**
     * Groups of orgs with more members than this are refreshed in the background when asked to (the caller does not
     * wait for them); smaller ones while the caller waits.
     */
    long syncMemberLimit();

    /** How many due groups a scheduled run claims at a time (the rest wait for the next claim or instance). */
    int claimBatch();

    /**
     * How long a refresh claim lasts unless its instance renews it: the longest a group stays claimed after its
     * instance died. The instance renews its claims several times within it (see {@code RenewRefreshClaimsUseCase}).
     */
    Duration lease();
}
