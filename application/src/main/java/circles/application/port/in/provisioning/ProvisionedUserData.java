package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.shared.Require;

import java.util.Map;
import java.util.Set;

/**
 * Everything an identity provider says about a user in one full representation: its identity, whether it is
 * active, and the profile fields it manages. Profile fields it does not manage (location, orgUnitPath, userType,
 * lastLoginAt) stay as they are; of the custom attributes it manages only {@code managedCustomKeys}: a managed key
 * missing from {@code customAttributes} is removed, every other key is left alone.
 */
public record ProvisionedUserData(ProvisionedIdentity identity, boolean active, String email, String displayName,
                                  String jobTitle, String employeeType, String department, String costCenter,
                                  UserId managerId, Map<String, String> customAttributes,
                                  Set<String> managedCustomKeys) {
    public ProvisionedUserData {
        Require.present(identity, "identity");
        customAttributes = customAttributes == null ? Map.of() : Map.copyOf(customAttributes);
        managedCustomKeys = managedCustomKeys == null ? Set.of() : Set.copyOf(managedCustomKeys);
        if (!managedCustomKeys.containsAll(customAttributes.keySet())) {
            throw new IllegalArgumentException("custom attributes outside the managed keys");
        }
    }
}
