package circles.domain.org;

import circles.domain.actor.UserId;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) of a member profile. For every field {@code null} leaves it as it is,
 * {@code Optional.empty()} clears it and a value replaces it; custom attributes merge key by key.
 * The result is checked by {@link MemberProfile} itself.
 */
public record ProfilePatch(Optional<String> email, Optional<String> displayName, Optional<String> department,
                           Optional<String> location, Optional<String> jobTitle, Optional<UserId> managerId,
                           Optional<String> orgUnitPath, Optional<String> employeeType,
                           Optional<String> costCenter, Optional<String> userType,
                           AttributeChanges customAttributes, Optional<Instant> lastLoginAt) {
    public static final ProfilePatch NONE =
            new ProfilePatch(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Only the display name: the one field members may change in their own profile. */
    public static ProfilePatch displayName(Optional<String> displayName) {
        return new ProfilePatch(null, displayName, null, null, null, null, null, null, null, null, null, null);
    }

    /** Only the manager: set to another member, or cleared with {@code Optional.empty()}. */
    public static ProfilePatch managerId(Optional<UserId> managerId) {
        return new ProfilePatch(null, null, null, null, null, managerId, null, null, null, null, null, null);
    }

    /**
     * Changes to the custom attributes: {@code clearAll} drops every attribute first (the patch's value was
     * {@code null}); then {@code set} adds or replaces keys and {@code removed} drops keys.
     */
    public record AttributeChanges(boolean clearAll, Map<String, String> set, Set<String> removed) {
        public AttributeChanges {
            set = set == null ? Map.of() : Map.copyOf(set);
            removed = removed == null ? Set.of() : Set.copyOf(removed);
        }

        public static final AttributeChanges CLEAR_ALL = new AttributeChanges(true, Map.of(), Set.of());

        Map<String, String> applyTo(Map<String, String> current) {
            Map<String, String> result = new HashMap<>(clearAll ? Map.of() : current);
            removed.forEach(result::remove);
            result.putAll(set);
            return result;
        }
    }

    /** The profile this patch makes of {@code current}. */
    public MemberProfile applyTo(MemberProfile current) {
        return new MemberProfile(
                merge(email, current.email()),
                merge(displayName, current.displayName()),
                merge(department, current.department()),
                merge(location, current.location()),
                merge(jobTitle, current.jobTitle()),
                merge(managerId, current.managerId()),
                merge(orgUnitPath, current.orgUnitPath()),
                merge(employeeType, current.employeeType()),
                merge(costCenter, current.costCenter()),
                merge(userType, current.userType()),
                customAttributes == null ? current.customAttributes()
                        : customAttributes.applyTo(current.customAttributes()),
                merge(lastLoginAt, current.lastLoginAt()));
    }

    /** The fields this patch names (whether or not their values change), by wire name. */
    public Set<String> namedFields() {
        Set<String> named = new LinkedHashSet<>();
        Object[] values = {email, displayName, department, location, jobTitle, managerId, orgUnitPath,
                employeeType, costCenter, userType, customAttributes, lastLoginAt};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                named.add(MemberProfile.FIELDS.get(i));
            }
        }
        return named;
    }

    public boolean isEmpty() {
        return namedFields().isEmpty();
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static <T> T merge(Optional<T> patched, T current) {
        return patched == null ? current : patched.orElse(null);
    }
}
