package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.out.membership.MembershipHistory;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One change of a dynamic group's members: who was added or removed, when, why, and by which evaluation (null for
 * changes recorded before evaluations had ids).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MembershipEventResponse(String groupId, String userId, String change, String cause,
                                      String occurredAt, String evaluationId) {

    public static MembershipEventResponse of(MembershipHistory.Event event) {
        return new MembershipEventResponse(event.groupId().toString(), event.userId().value(),
                Wire.name(event.change()), Wire.name(event.cause()), Wire.time(event.occurredAt()),
                event.evaluationId() == null ? null : event.evaluationId().toString());
    }
}
