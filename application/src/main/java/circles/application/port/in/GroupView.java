package circles.application.port.in;

import circles.domain.group.Group;

/** A group as readers see it: the group and its number of active (effective) members. */
public record GroupView(Group group, long memberCount) {
}
