package circles.application.port.in.override;

import circles.application.port.out.override.OverrideRepository.OverrideEntry;
import circles.domain.group.GroupId;

import java.util.UUID;

/** One entry of a dynamic group's include or exclude list; same rights as listing them. */
public interface GetGroupOverrideUseCase {
    OverrideEntry override(GroupId groupId, UUID overrideId);
}
