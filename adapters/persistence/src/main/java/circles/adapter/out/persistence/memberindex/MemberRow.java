package circles.adapter.out.persistence.memberindex;

import java.util.Map;

/**
 * One org member as the index keeps them: the status and the raw stored value of every indexed field (as
 * {@code org_members} holds it, untrimmed; {@code null} when absent), custom attributes by key.
 */
record MemberRow(String userId, String status, Map<String, String> values, Map<String, String> custom) {
    /** The fields with a column of their own in {@code org_members}, by the rule language's names. */
    static final Map<String, String> COLUMNS = Map.of(
            "department", "department",
            "location", "location",
            "jobTitle", "job_title",
            "managerId", "manager_id",
            "orgUnitPath", "org_unit_path",
            "employeeType", "employee_type",
            "costCenter", "cost_center",
            "userType", "user_type");

    boolean active() {
        return "active".equals(status);
    }
}
