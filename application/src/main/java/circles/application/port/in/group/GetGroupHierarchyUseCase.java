package circles.application.port.in.group;

import circles.domain.group.Group;
import circles.domain.group.GroupId;

import java.util.List;

/** A group's place in its tree: ancestors (root first) and the visible subtree below it. */
public interface GetGroupHierarchyUseCase {
    Hierarchy hierarchy(GroupId groupId);

    record Hierarchy(List<Group> ancestors, Group group, List<Node> children) {
    }

    record Node(Group group, List<Node> children) {
    }
}
