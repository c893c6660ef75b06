package circles.application.port.in.member;

import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.Require;

import java.util.List;

/**
 * The org chart: the department tree (with the members of each department and its manager) or the reporting lines
 * (manager to reports), from the top or from one node, a bounded number of levels deep. Every level lists at most
 * {@code page.limit()} children per node; a node with more children says where to continue.
 */
public interface GetOrgChartUseCase {
    int DEFAULT_DEPTH = 3;
    int MAX_DEPTH = 10;
    /** At most this many nodes are in one answer; deeper levels are left out once it is reached. */
    int MAX_NODES = 2_000;

    OrgChart chart(Query query);

    enum View { DEPARTMENT, REPORTING }

    /**
     * @param root  a department key (department view) or a user id (reporting view); null for the top
     * @param depth levels of nodes in the answer, 1 (only the children of the root) to {@link #MAX_DEPTH}
     * @param page  the children of the root to list (limit and cursor); deeper levels list at most as many
     */
    record Query(OrgId orgId, View view, String root, int depth, PageRequest page) {
        public Query {
            Require.present(orgId, "orgId");
            view = view == null ? View.DEPARTMENT : view;
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new InvalidInput("depth", "must be between 1 and " + MAX_DEPTH);
            }
            page = page == null ? PageRequest.of(null, null) : page;
        }
    }

    /** A member named on a node: a department's manager. */
    record Person(String userId, String displayName) {
    }

    /**
     * One node. Department view: {@code id} is the department key, {@code memberCount} the members whose
     * department it is, {@code manager} its manager. Reporting view: {@code id} is the member's user id, with
     * their job title, department and status; {@code childCount} is their number of direct reports.
     * {@code children} lists the first children (none below the requested depth); when more exist than listed,
     * {@code childrenCursor} continues the list with {@code root = id}.
     */
    record Node(String id, String name, String jobTitle, String department, String status, Person manager,
                Long memberCount, long childCount, List<Node> children, String childrenCursor) {
        public Node {
            children = List.copyOf(children);
        }
    }

    /** {@code root} is the node asked for (null for the top); {@code items} its children, one page of them. */
    record OrgChart(View view, Node root, List<Node> items, String nextCursor) {
        public OrgChart {
            items = List.copyOf(items);
        }
    }
}
