package circles.application.port.in.apitoken;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.apitoken.ApiToken;
import circles.domain.org.OrgId;

import java.util.UUID;

/** The API tokens of an org, revoked and expired ones included, never their secrets: for its admins and it_admins. */
public interface ListApiTokensUseCase {
    Page<ApiToken> list(OrgId orgId, PageRequest page);

    ApiToken get(OrgId orgId, UUID tokenId);
}
