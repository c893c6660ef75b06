package circles.application.port.in.feed;

import circles.domain.actor.Actor;
import circles.domain.org.OrgId;

/**
 * Who may read an org's change feed: its admins and it_admins. Anyone who may not even see the org learns nothing
 * of it (the org is missing); a member who may see it but not read its feed is refused.
 */
public interface AuthorizeChangeFeedReadUseCase {
    /** Returns when {@code actor} may read the org's feed; otherwise throws the rejection to answer with. */
    void requireReader(Actor actor, OrgId orgId);
}
