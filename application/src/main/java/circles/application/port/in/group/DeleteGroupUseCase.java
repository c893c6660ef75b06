package circles.application.port.in.group;

import circles.domain.group.GroupId;

/** Deletes a group; with subgroups only when {@code cascade} (then they go too). */
public interface DeleteGroupUseCase {
    void delete(GroupId groupId, boolean cascade);
}
