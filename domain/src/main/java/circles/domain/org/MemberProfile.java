package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.Require;

import java.time.Instant;
import java.util.Map;

/** The org-specific profile of a member: what directories provide and dynamic rules read. */
public record MemberProfile(String email, String displayName, String department, String location,
                            String jobTitle, UserId managerId, String orgUnitPath, String employeeType,
                            String costCenter, String userType, Map<String, String> customAttributes,
                            Instant lastLoginAt) {
    public static final MemberProfile EMPTY =
            new MemberProfile(null, null, null, null, null, null, null, null, null, null, Map.of(), null);

    public MemberProfile {
        email = Require.optionalText(email, "email", 320);
        displayName = Require.optionalText(displayName, "displayName", 200);
        customAttributes = customAttributes == null ? Map.of() : Map.copyOf(customAttributes);
    }

    public static MemberProfile named(String email, String displayName) {
        return new MemberProfile(email, displayName, null, null, null, null, null, null, null, null, Map.of(), null);
    }
}
