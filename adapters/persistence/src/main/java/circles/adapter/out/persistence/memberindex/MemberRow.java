package circles.adapter.out.persistence.memberindex;

import java.util.List;
import java.util.Map;

/**
 * One org member as the index keeps them: the status and the raw stored value of every indexed field (as
 * {@code org_members} holds it, untrimmed; {@code null} when absent) in the order of {@link #FIELDS}, custom
 * attributes by key.
 */
record MemberRow(String userId, String status, String[] values, Map<String, String> custom) {
    /** The fields with a column of their own in {@code org_members}, by the rule language's names. */
    static final List<String> FIELDS = List.of("department", "location", "jobTitle", "managerId", "orgUnitPath",
            "employeeType", "costCenter", "userType");
    /** Their columns, in the same order. */
    static final List<String> COLUMNS = List.of("department", "location", "job_title", "manager_id",
            "org_unit_path", "employee_type", "cost_center", "user_type");

    boolean active() {
        return "active".equals(status);
    }
}
