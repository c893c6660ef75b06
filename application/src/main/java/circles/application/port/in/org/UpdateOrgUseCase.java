package circles.application.port.in.org;

import circles.domain.org.OrgId;
import circles.domain.shared.Slug;

/** Org admins rename their org. Null fields stay as they are. */
public interface UpdateOrgUseCase {
    OrgView update(Command command);

    record Command(OrgId orgId, Long expectedVersion, String name, Slug slug) {
    }
}
