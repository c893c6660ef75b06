package circles.application.port.in;

import circles.application.port.out.OverrideRepository.OverrideEntry;
import circles.domain.group.GroupId;

import java.util.UUID;

/** One entry of a dynamic group's include or exclude list; same rights as listing them. */
public interface GetGroupOverrideUseCase {
    OverrideEntry override(GroupId groupId, UUID overrideId);
}
