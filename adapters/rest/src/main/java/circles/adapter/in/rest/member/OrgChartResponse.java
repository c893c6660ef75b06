package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.member.GetOrgChartUseCase;

import java.util.List;

/** The org chart: the root asked for (or null for the top), a page of its children, each with its subtree. */
public record OrgChartResponse(String view, Node root, List<Node> items, String nextCursor) {

    public record Person(String userId, String displayName) {
    }

    public record Node(String id, String name, String jobTitle, String department, String status, Person manager,
                       Long memberCount, long childCount, List<Node> children, String childrenCursor) {
        static Node of(GetOrgChartUseCase.Node node) {
            return new Node(node.id(), node.name(), node.jobTitle(), node.department(), node.status(),
                    node.manager() == null ? null : new Person(node.manager().userId(), node.manager().displayName()),
                    node.memberCount(), node.childCount(), node.children().stream().map(Node::of).toList(),
                    node.childrenCursor());
        }
    }

    public static OrgChartResponse of(GetOrgChartUseCase.OrgChart chart) {
        return new OrgChartResponse(Wire.name(chart.view()), chart.root() == null ? null : Node.of(chart.root()),
                chart.items().stream().map(Node::of).toList(), chart.nextCursor());
    }
}
