package circles.application.port.in.dynamic;

/**
 * The heartbeat of this instance's refresh claims: extends the lease of every claim its refreshes hold (running, or
 * waiting for a thread), so that they keep their groups while this instance lives and lose them soon after it dies.
 * Runs more often than the lease lasts.
 */
public interface RenewRefreshClaimsUseCase {

    /** How many held claims were extended, and how many were not (taken over, or being released right now). */
    record Report(int renewed, int notRenewed) {
    }

    Report renewHeld();
}
