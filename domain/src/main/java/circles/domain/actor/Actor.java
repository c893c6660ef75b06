package circles.domain.actor;

import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;

import java.util.Set;

/**
 * Whoever calls: a signed-in user (or service account) with the platform-wide roles of their token.
 * Rights inside an org or a group come from Circles' own data, not from here.
 *
 * <p>Two kinds of caller present a credential bound to one org ({@code boundOrg}) instead of a sign-in: a
 * provisioning actor (an identity provider holding the org's SCIM token) and an API token actor (a program holding
 * one of the org's API tokens, {@code tokenScopes} naming what it may call). Both name the user who issued their
 * credential ({@code issuedBy}) and act in that org only, with the org role their issuer holds at the time of each
 * call; neither has platform roles.
 */
public record Actor(UserId userId, String name, String email, Set<String> roles, OrgId boundOrg,
                    UserId issuedBy, Set<ApiTokenScope> tokenScopes) {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ACTIVITY_INGEST = "activity-ingest";
    public static final Actor SYSTEM = new Actor(new UserId("system"), "Circles", null, Set.of(PLATFORM_ADMIN));

    public Actor {
        roles = Set.copyOf(roles);
        tokenScopes = tokenScopes == null ? null : Set.copyOf(tokenScopes);
    }

    public Actor(UserId userId, String name, String email, Set<String> roles) {
        this(userId, name, email, roles, null, null, null);
    }

    /** The identity provider that presented SCIM token {@code tokenId} of {@code orgId}, issued by {@code issuer}. */
    public static Actor provisioner(OrgId orgId, String tokenId, String tokenName, UserId issuer) {
        return new Actor(new UserId("scim:" + tokenId), tokenName, null, Set.of(), orgId, issuer, null);
    }

    /** The program that presented API token {@code tokenId} of {@code orgId}, issued by {@code issuer}. */
    public static Actor apiToken(OrgId orgId, String tokenId, String tokenName, UserId issuer,
                                 Set<ApiTokenScope> scopes) {
        return new Actor(new UserId("api-token:" + tokenId), tokenName, null, Set.of(), orgId, issuer,
                Set.copyOf(scopes));
    }

    /** Whether this actor is the provisioning actor of {@code orgId}. */
    public boolean provisions(OrgId orgId) {
        return isProvisioner() && boundOrg.equals(orgId);
    }

    public boolean isProvisioner() {
        return boundOrg != null && tokenScopes == null;
    }

    public boolean isApiToken() {
        return boundOrg != null && tokenScopes != null;
    }

    /** Whether this actor presents a credential bound to one org (a SCIM or API token) and acts with its issuer's rights. */
    public boolean isDelegated() {
        return boundOrg != null;
    }

    /** Whether this actor presents a credential bound to {@code orgId}. */
    public boolean isBoundTo(OrgId orgId) {
        return boundOrg != null && boundOrg.equals(orgId);
    }

    /** Whether this actor is an API token holding {@code scope}. */
    public boolean holdsScope(ApiTokenScope scope) {
        return isApiToken() && tokenScopes.contains(scope);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(PLATFORM_ADMIN);
    }
}
