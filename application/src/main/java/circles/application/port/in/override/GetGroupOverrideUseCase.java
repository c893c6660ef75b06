package circles.application.port.in.override;

import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;

import java.util.UUID;

/** One entry of a dynamic group's include or exclude list; same rights as listing them. */
public interface GetGroupOverrideUseCase {
    OverrideEntry override(GroupId groupId, UUID overrideId);
}
