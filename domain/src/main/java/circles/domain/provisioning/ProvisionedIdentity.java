package circles.domain.provisioning;

import circles.domain.shared.Require;

import java.util.Map;

/**
 * What an identity provider knows a provisioned member by, beyond the org member profile: the SCIM
 * {@code userName} (unique per org, case-insensitive) and {@code externalId}, and the attributes of the SCIM
 * resource that the profile has no field for (name parts, further e-mail addresses, phone numbers...), kept as
 * sent so that they read back unchanged.
 */
public record ProvisionedIdentity(String userName, String externalId, Map<String, Object> attributes) {
    public static final int USER_NAME_MAX = 255;

    public ProvisionedIdentity {
        userName = Require.text(userName, "userName", USER_NAME_MAX);
        externalId = Require.optionalText(externalId, "externalId", USER_NAME_MAX);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
