package circles.application.port.in.override;

import circles.domain.group.GroupId;

import java.util.UUID;

/**
 * Takes an entry off a dynamic group's include or exclude list; the member's verdict follows at once (what the
 * remaining entries and the rule say).
 */
public interface RemoveGroupOverrideUseCase {
    void removeOverride(GroupId groupId, UUID overrideId);
}
