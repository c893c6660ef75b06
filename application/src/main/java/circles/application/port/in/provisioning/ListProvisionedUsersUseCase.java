package circles.application.port.in.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedUser;

import java.util.List;

/** The members of an org as an identity provider sees them, page by page in userId order, or by userName. */
public interface ListProvisionedUsersUseCase {
    Page<ProvisionedUser> list(OrgId orgId, PageRequest page);

    /** The members whose userName is {@code userName}, ignoring case (a member never provisioned goes by its userId). */
    List<ProvisionedUser> withUserName(OrgId orgId, String userName);
}
