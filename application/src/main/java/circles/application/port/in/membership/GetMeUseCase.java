package circles.application.port.in.membership;

import circles.domain.actor.Actor;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;

import java.util.List;

/** Who the caller is: their subject, platform roles, and their orgs with their role in each. */
public interface GetMeUseCase {
    Me me();

    record Me(Actor actor, List<OrgRoleView> orgs) {
    }

    record OrgRoleView(OrgId orgId, String name, String slug, OrgRole role) {
    }
}
