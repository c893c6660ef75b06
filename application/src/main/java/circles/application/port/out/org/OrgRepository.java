package circles.application.port.out.org;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Slug;

import java.util.Optional;

public interface OrgRepository {
    /** Inserts or updates; an update checks the version it was loaded with. Returns the stored state. */
    Organization save(Organization org);

    Optional<Organization> findById(OrgId id);

    boolean slugTaken(Slug slug, OrgId except);

    /** All orgs (platform view) when {@code memberOf} is null, else the orgs that user belongs to. */
    Page<Organization> list(UserId memberOf, String query, PageRequest page);

    long memberCount(OrgId id);
}
