package circles.domain.actor;

import circles.domain.org.OrgId;

import java.util.Set;

/**
 * Whoever calls: a signed-in user (or service account) with the platform-wide roles of their token.
 * Rights inside an org or a group come from Circles' own data, not from here. A provisioning actor (an identity
 * provider holding one org's SCIM token) names the one org it provisions and the user who issued the token: it acts
 * in that org only, with the org role its issuer holds at the time of each call.
 */
public record Actor(UserId userId, String name, String email, Set<String> roles, OrgId provisionedOrg,
                    UserId issuedBy) {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ACTIVITY_INGEST = "activity-ingest";
    public static final Actor SYSTEM = new Actor(new UserId("system"), "Circles", null, Set.of(PLATFORM_ADMIN));

    public Actor {
        roles = Set.copyOf(roles);
    }

    public Actor(UserId userId, String name, String email, Set<String> roles) {
        this(userId, name, email, roles, null, null);
    }

    /** The identity provider that presented SCIM token {@code tokenId} of {@code orgId}, issued by {@code issuer}. */
    public static Actor provisioner(OrgId orgId, String tokenId, String tokenName, UserId issuer) {
        return new Actor(new UserId("scim:" + tokenId), tokenName, null, Set.of(), orgId, issuer);
    }

    /** Whether this actor is the provisioning actor of {@code orgId}. */
    public boolean provisions(OrgId orgId) {
        return provisionedOrg != null && provisionedOrg.equals(orgId);
    }

    public boolean isProvisioner() {
        return provisionedOrg != null;
    }

    public boolean isPlatformAdmin() {
        return roles.contains(PLATFORM_ADMIN);
    }
}
