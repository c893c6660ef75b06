package circles.application.port.in.override;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.shared.Require;

import java.time.Instant;

/**
 * Puts a member of the org on the include or the exclude list of a dynamic group, with a reason and an optional
 * expiry. The member's verdict changes at once (exclude > include > rule; an include never makes an inactive
 * member a member). For those who manage the group's settings.
 */
public interface AddGroupOverrideUseCase {

    /** {@code reason} (at most 1000 characters) and {@code expiresAt} (in the future) are optional. */
    record Command(GroupId groupId, UserId userId, OverrideKind kind, String reason, Instant expiresAt) {
        public static final int REASON_MAX = 1000;

        public Command {
            Require.present(groupId, "groupId");
            Require.present(userId, "userId");
            Require.present(kind, "kind");
            reason = Require.optionalText(reason, "reason", REASON_MAX);
        }
    }

    OverrideEntry addOverride(Command command);
}
