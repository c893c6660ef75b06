package circles.application.port.in.member;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of a member import (JSON properties or CSV header names): the profile fields of an org member plus
 * {@code userId}, {@code role} and {@code status}. Custom attributes come as {@code customAttributes} (JSON) or
 * {@code custom.<key>} columns (CSV).
 */
public enum ImportField {
    USER_ID("userId"),
    EMAIL("email"),
    DISPLAY_NAME("displayName"),
    DEPARTMENT("department"),
    LOCATION("location"),
    JOB_TITLE("jobTitle"),
    MANAGER_ID("managerId"),
    ORG_UNIT_PATH("orgUnitPath"),
    EMPLOYEE_TYPE("employeeType"),
    COST_CENTER("costCenter"),
    USER_TYPE("userType"),
    STATUS("status"),
    ROLE("role");

    private final String wireName;

    ImportField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ImportField> byWireName(String name) {
        return Arrays.stream(values()).filter(field -> field.wireName.equals(name)).findFirst();
    }
}
