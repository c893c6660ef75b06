package circles.domain.provisioning;

import circles.domain.org.OrgMember;
import circles.domain.shared.Require;

/**
 * An org member as an identity provider sees it: the member with its profile, and the identity the provider
 * knows it by ({@code null} for a member that was never provisioned, e.g. one added through the REST API).
 */
public record ProvisionedUser(OrgMember member, ProvisionedIdentity identity) {
    public ProvisionedUser {
        Require.present(member, "member");
    }
}
