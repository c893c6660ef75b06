package circles.application.port.in.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ScimToken;

/** The SCIM tokens of an org, revoked ones included, without their secrets. */
public interface ListScimTokensUseCase {
    Page<ScimToken> list(OrgId orgId, PageRequest page);
}
