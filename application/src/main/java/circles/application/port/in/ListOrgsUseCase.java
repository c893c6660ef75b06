package circles.application.port.in;

import circles.application.port.out.Page;
import circles.application.port.out.PageRequest;

/** Platform admins see every org; everyone else the orgs they belong to. */
public interface ListOrgsUseCase {
    Page<OrgView> list(String query, PageRequest page);
}
