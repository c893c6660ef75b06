package circles.adapter.in.rest.override;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.application.port.in.override.AddGroupOverrideUseCase;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideKind;

/** Reads the body of the override create operation. */
public final class GroupOverrideRequests {
    private GroupOverrideRequests() {
    }

    /** {@code OverrideRequest}: userId and kind, optionally reason and expiresAt. */
    public static AddGroupOverrideUseCase.Command add(GroupId groupId, BodyObject body) {
        return new AddGroupOverrideUseCase.Command(groupId,
                Bodies.required(Bodies.userId(body, "userId"), body, "userId"),
                Bodies.required(body.enumValue("kind", OverrideKind.class), body, "kind"),
                body.text("reason"), body.time("expiresAt"));
    }
}
