package circles.application.port.in.org;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;

/** Platform admins see every org; everyone else the orgs they belong to. */
public interface ListOrgsUseCase {
    Page<OrgView> list(String query, PageRequest page);
}
