package circles.adapter.in.rest.apitoken;

import circles.adapter.in.rest.http.Params;
import circles.application.port.in.apitoken.AuthenticateApiTokenUseCase;
import circles.application.port.in.apitoken.TokenScopeUseCase;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps org API tokens to the operations that declare one of their scopes with {@link TokenScope}, once a request is
 * matched to an operation and before anything of its body is read: an API token of another org gets that org's 404,
 * one without a declared scope a 403 {@code token-scope-missing}. Requests whose bearer is not an API token are
 * not concerned (recognised by the token's prefix, so they cost nothing here).
 */
public final class TokenScopes {
    /** After {@code RequestHygiene}, before the rights-before-bodies check of the org or group in the path. */
    private static final int AFTER_HYGIENE = Priorities.USER + 150;
    private static final String BEARER = "bearer ";

    private final TokenScopeUseCase scopes;

    @Inject
    public TokenScopes(TokenScopeUseCase scopes) {
        this.scopes = scopes;
    }

    @ServerRequestFilter(priority = AFTER_HYGIENE)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        if (!presentsApiToken(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return;
        }
        String orgId = request.getUriInfo().getPathParameters().getFirst("orgId");
        OrgId pathOrg = orgId == null ? null : Params.orgId(orgId);
        scopes.requireScope(pathOrg, declared(resource));
    }

    private static boolean presentsApiToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return false;
        }
        return AuthenticateApiTokenUseCase.looksLikeApiToken(authorization.substring(BEARER.length()).strip());
    }

    /** The scopes the matched operation declares (on its method, else on its class); none when it declares none. */
    static Set<ApiTokenScope> declared(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        TokenScope declared = method == null ? null : method.getAnnotation(TokenScope.class);
        if (declared == null && resource != null && resource.getResourceClass() != null) {
            declared = resource.getResourceClass().getAnnotation(TokenScope.class);
        }
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        if (declared != null) {
            scopes.addAll(Set.of(declared.value()));
        }
        return scopes;
    }
}
