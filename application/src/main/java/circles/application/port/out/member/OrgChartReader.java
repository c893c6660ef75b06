package circles.application.port.out.member;

import circles.application.port.in.member.GetOrgChartUseCase.View;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reads the org chart level by level: departments under a department, members reporting to a member. */
public interface OrgChartReader {
    /**
     * A node of the chart. {@code id}: department key or user id; {@code memberCount}: members of the department
     * (null in the reporting view); {@code childCount}: sub-departments or direct reports.
     */
    record Entry(String id, String name, String jobTitle, String department, MemberStatus status, String managerId,
                 String managerName, Long memberCount, long childCount) {
    }

    Optional<Entry> node(OrgId orgId, View view, String id);

    /** The children of {@code parentId} (the top when null) in id order: one page. */
    Page<Entry> children(OrgId orgId, View view, String parentId, PageRequest page);

    /** The first {@code limit} children of each parent, in id order, with the cursor of the next ones. */
    Map<String, Page<Entry>> children(OrgId orgId, View view, Collection<String> parentIds, int limit);
}
