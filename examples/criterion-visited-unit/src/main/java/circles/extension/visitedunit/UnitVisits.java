package circles.extension.visitedunit;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Optional;

/**
 * The data source the {@code visited_unit} criterion needs, and nothing more: when a person last visited a course
 * unit. The criterion depends on this port only, so where visits live (this module's table, an analytics store, an
 * LMS API) is the adapter's business.
 */
public interface UnitVisits {
    /**
     * When {@code userId} last visited the unit {@code unitId} in the org, or empty if never. Called while a rule
     * is evaluated, inside the host's transaction for that org.
     */
    Optional<Instant> lastVisit(OrgId orgId, UserId userId, String unitId);
}
