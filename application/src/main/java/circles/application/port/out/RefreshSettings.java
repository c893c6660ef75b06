package circles.application.port.out;

/** How dynamic groups are refreshed on this deployment (configuration). */
public interface RefreshSettings {
    /**
     * Groups of orgs with more members than this are refreshed in the background when asked to (the caller does not
     * wait for them); smaller ones while the caller waits.
     */
    long syncMemberLimit();

    /** How many due groups a scheduled run claims at a time (the rest wait for the next claim or instance). */
    int claimBatch();
}
