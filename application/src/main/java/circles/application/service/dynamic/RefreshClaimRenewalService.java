package circles.application.service.dynamic;

import circles.application.port.in.dynamic.RenewRefreshClaimsUseCase;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.dynamic.RefreshSettings;
import circles.application.port.out.shared.UnitOfWork;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The refresh claims this instance holds, and their heartbeat. A refresh holds its claim from the commit of the claim
 * until its release (or until it gives the claim back unused); {@link #renewHeld} extends the lease of all of them in
 * one short transaction. The set lives in this instance only, on purpose: when the instance dies its claims stop being
 * renewed and run out within one lease, and another instance takes the groups over.
 *
 * <p>A claim that was taken over stays in the set until its refresh ends; renewing it again changes nothing, since
 * only its holder renews it.
 */
public final class RefreshClaimRenewalService implements RenewRefreshClaimsUseCase {
    private final UnitOfWork tx;
    private final RefreshClaims claims;
    private final RefreshSettings settings;
    private final Clock clock;
    private final Set<RefreshClaims.Claim> held = ConcurrentHashMap.newKeySet();

    public RefreshClaimRenewalService(UnitOfWork tx, RefreshClaims claims, RefreshSettings settings, Clock clock) {
        this.tx = tx;
        this.claims = claims;
        this.settings = settings;
        this.clock = clock;
    }

    /** The claim is committed and its work is to come: renew it until {@link #letGo}. */
    void hold(RefreshClaims.Claim claim) {
        held.add(claim);
    }

    /** The claim's work is over (it was released, or given back): renewing it would only keep the group from others. */
    void letGo(RefreshClaims.Claim claim) {
        held.remove(claim);
    }

    @Override
    public Report renewHeld() {
        List<RefreshClaims.Claim> current = List.copyOf(held);
        if (current.isEmpty()) {
            return new Report(0, 0);
        }
        int renewed = tx.inTransaction(() -> claims.renew(current, clock.instant(), settings.lease())).size();
        return new Report(renewed, current.size() - renewed);
    }
}
