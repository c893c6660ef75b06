package circles.adapter.in.rest.group;

import circles.application.port.in.group.GetGroupHierarchyUseCase;

import java.util.List;

/** Ancestors root first, the group, and its visible subtree. */
public record GroupHierarchyResponse(List<GroupSummaryResponse> ancestors, GroupSummaryResponse group,
                                     List<Node> children) {

    public record Node(GroupSummaryResponse group, List<Node> children) {
        static Node of(GetGroupHierarchyUseCase.Node node) {
            return new Node(GroupSummaryResponse.of(node.group()), node.children().stream().map(Node::of).toList());
        }
    }

    public static GroupHierarchyResponse of(GetGroupHierarchyUseCase.Hierarchy hierarchy) {
        return new GroupHierarchyResponse(hierarchy.ancestors().stream().map(GroupSummaryResponse::of).toList(),
                GroupSummaryResponse.of(hierarchy.group()),
                hierarchy.children().stream().map(Node::of).toList());
    }
}
