package circles.application.port.in.apitoken;

import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;

import java.util.Set;

/**
 * Keeps an API token to the operations that declare one of its scopes, before the operation reads anything. Callers
 * who are not API tokens pass unchecked (their rights are the operation's business).
 */
public interface TokenScopeUseCase {
    /**
     * Nothing when the caller is not an API token, or is one of {@code pathOrg} (null: the operation names no org in
     * its path) holding one of {@code declared}. An API token of another org gets the org's 404; one lacking every
     * declared scope (or calling an operation that declares none) gets a 403 {@code token-scope-missing}.
     */
    void requireScope(OrgId pathOrg, Set<ApiTokenScope> declared);
}
