package circles.domain.criterion.attribute;

import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A profile field an {@code attribute} criterion tests, by its wire name: one of {@link #STANDARD} or
 * {@code custom.<key>} for a custom attribute.
 */
public record AttributeField(String name) {
    public static final String CUSTOM_PREFIX = "custom.";
    public static final List<String> STANDARD = List.of("department", "location", "jobTitle", "managerId",
            "orgUnitPath", "employeeType", "costCenter", "email", "userType");
    /** Fields whose values are tree positions: the tree operators apply to them. */
    public static final List<String> TREE = List.of("department", "location", "orgUnitPath");

    public AttributeField {
        Objects.requireNonNull(name, "field");
        if (!isValid(name)) {
            throw new IllegalArgumentException("unknown field " + name);
        }
    }

    public static boolean isValid(String name) {
        return name != null && (STANDARD.contains(name) || (name.startsWith(CUSTOM_PREFIX)
                && MemberProfile.CUSTOM_KEY.matcher(name.substring(CUSTOM_PREFIX.length())).matches()));
    }

    public boolean isTree() {
        return TREE.contains(name);
    }

    /** The master-data tree behind a key-valued tree field (department, location); empty for orgUnitPath. */
    public Optional<MasterDataKind> treeKind() {
        return switch (name) {
            case "department" -> Optional.of(MasterDataKind.DEPARTMENT);
            case "location" -> Optional.of(MasterDataKind.LOCATION);
            default -> Optional.empty();
        };
    }

    public boolean isCustom() {
        return name.startsWith(CUSTOM_PREFIX);
    }

    /** The member's value of this field, trimmed; null when missing or blank. */
    public String valueIn(MemberProfile profile) {
        String raw = switch (name) {
            case "department" -> profile.department();
            case "location" -> profile.location();
            case "jobTitle" -> profile.jobTitle();
            case "managerId" -> profile.managerId() == null ? null : profile.managerId().value();
            case "orgUnitPath" -> profile.orgUnitPath();
            case "employeeType" -> profile.employeeType();
            case "costCenter" -> profile.costCenter();
            case "email" -> profile.email();
            case "userType" -> profile.userType();
            default -> profile.customAttributes().get(name.substring(CUSTOM_PREFIX.length()));
        };
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    @Override
    public String toString() {
        return name;
    }
}
