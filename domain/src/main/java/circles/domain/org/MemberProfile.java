package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The org-specific profile of a member: what directories provide and dynamic rules read. Fields that name master
 * data (department, location, jobTitle, costCenter) hold its key; a key that names nothing known is accepted
 * (directories are messy) and reported by the data-quality report instead.
 */
public record MemberProfile(String email, String displayName, String department, String location,
                            String jobTitle, UserId managerId, String orgUnitPath, String employeeType,
                            String costCenter, String userType, Map<String, String> customAttributes,
                            Instant lastLoginAt) {
    public static final MemberProfile EMPTY =
            new MemberProfile(null, null, null, null, null, null, null, null, null, null, Map.of(), null);

    public static final int EMAIL_MAX = 320;
    public static final int TEXT_MAX = 200;
    public static final int ORG_UNIT_PATH_MAX = 500;
    public static final int EMPLOYEE_TYPE_MAX = 64;
    public static final int CUSTOM_ATTRIBUTES_MAX = 50;
    public static final int CUSTOM_VALUE_MAX = 1024;
    public static final Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** The user types a profile may carry. */
    public static final List<String> USER_TYPES = List.of("staff", "guest", "contact");
    /** The profile's fields by their wire names, in the order of the design. */
    public static final List<String> FIELDS = List.of("email", "displayName", "department", "location", "jobTitle",
            "managerId", "orgUnitPath", "employeeType", "costCenter", "userType", "customAttributes", "lastLoginAt");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final String CUSTOM = "customAttributes";

    public MemberProfile {
        email = Require.matching(Require.optionalText(email, "email", EMAIL_MAX), EMAIL, "email",
                "must be an email address such as ana@example.org");
        displayName = Require.optionalText(displayName, "displayName", TEXT_MAX);
        department = Require.optionalText(department, "department", TEXT_MAX);
        location = Require.optionalText(location, "location", TEXT_MAX);
        jobTitle = Require.optionalText(jobTitle, "jobTitle", TEXT_MAX);
        orgUnitPath = Require.optionalText(orgUnitPath, "orgUnitPath", ORG_UNIT_PATH_MAX);
        if (orgUnitPath != null && !orgUnitPath.startsWith("/")) {
            throw RuleViolation.invalidField("orgUnitPath", "must start with / (e.g. /engineering/backend)");
        }
        employeeType = Require.optionalText(employeeType, "employeeType", EMPLOYEE_TYPE_MAX);
        costCenter = Require.optionalText(costCenter, "costCenter", TEXT_MAX);
        userType = Require.optionalText(userType, "userType", TEXT_MAX);
        if (userType != null && !USER_TYPES.contains(userType)) {
            throw RuleViolation.invalidField("userType", "must be one of " + String.join(", ", USER_TYPES));
        }
        customAttributes = customAttributes(customAttributes);
    }

    private static Map<String, String> customAttributes(Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(given).entrySet()) {
            String key = entry.getKey();
            if (key == null || !CUSTOM_KEY.matcher(key).matches()) {
                throw RuleViolation.invalidField(CUSTOM, "keys must be 1 to 64 letters, digits, '_', '.' or '-' ("
                        + (key == null ? "null" : "'" + abbreviate(key) + "'") + " is not)");
            }
            if (entry.getValue() == null) {
                throw RuleViolation.invalidField(CUSTOM + "." + key, "must be a string");
            }
            if (entry.getValue().length() > CUSTOM_VALUE_MAX) {
                throw RuleViolation.invalidField(CUSTOM + "." + key,
                        "must be at most " + CUSTOM_VALUE_MAX + " characters");
            }
        }
        if (given.size() > CUSTOM_ATTRIBUTES_MAX) {
            throw RuleViolation.invalidField(CUSTOM, "must have at most " + CUSTOM_ATTRIBUTES_MAX + " entries");
        }
        return Map.copyOf(given);
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 67) + "...";
    }

    public static MemberProfile named(String email, String displayName) {
        return new MemberProfile(email, displayName, null, null, null, null, null, null, null, null, Map.of(), null);
    }

    /**
     * The fields whose values differ from {@code other}, by their wire names; a custom attribute counts as
     * {@code customAttributes.<key>}.
     */
    public Set<String> changedFields(MemberProfile other) {
        Map<String, Object> mine = values();
        Map<String, Object> theirs = other.values();
        Set<String> changed = new LinkedHashSet<>();
        for (String field : FIELDS) {
            if (!field.equals(CUSTOM) && !Objects.equals(mine.get(field), theirs.get(field))) {
                changed.add(field);
            }
        }
        Set<String> keys = new TreeSet<>(customAttributes.keySet());
        keys.addAll(other.customAttributes.keySet());
        for (String key : keys) {
            if (!Objects.equals(customAttributes.get(key), other.customAttributes.get(key))) {
                changed.add(CUSTOM + "." + key);
            }
        }
        return changed;
    }

    /** The fields that hold a value, by wire name (custom attributes as {@code customAttributes.<key>}). */
    public Set<String> filledFields() {
        return changedFields(EMPTY);
    }

    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email", email);
        values.put("displayName", displayName);
        values.put("department", department);
        values.put("location", location);
        values.put("jobTitle", jobTitle);
        values.put("managerId", managerId);
        values.put("orgUnitPath", orgUnitPath);
        values.put("employeeType", employeeType);
        values.put("costCenter", costCenter);
        values.put("userType", userType);
        values.put("lastLoginAt", lastLoginAt);
        return values;
    }
}
