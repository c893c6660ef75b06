package circles.application.port.in.apitoken;

import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

import java.time.Instant;
import java.util.Set;

/**
 * Issues an API token of an org. Only an active admin or it_admin of the org may (a platform admin who is neither
 * may not: the token acts with its issuer's org rights, and would have none). Its secret is returned this once and
 * never again.
 */
public interface IssueApiTokenUseCase {
    IssuedApiToken issue(Command command);

    /** {@code expiresAt} may be null (the default lifetime). */
    record Command(OrgId orgId, String name, Set<ApiTokenScope> scopes, Instant expiresAt) {
        public Command {
            Require.present(orgId, "orgId");
            name = Require.text(name, "name", ApiToken.NAME_MAX);
            scopes = Set.copyOf(Require.present(scopes, "scopes"));
        }
    }

    record IssuedApiToken(ApiToken token, String secret) {
    }
}
