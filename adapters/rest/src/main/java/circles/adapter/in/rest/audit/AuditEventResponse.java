package circles.adapter.in.rest.audit;

import circles.adapter.in.rest.http.Wire;
import circles.domain.audit.AuditEvent;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventResponse(String id, String orgId, String actorId, String action, String targetType,
                                 String targetId, String occurredAt, Map<String, Object> summary) {

    public static AuditEventResponse of(AuditEvent event) {
        return new AuditEventResponse(event.id().toString(), Wire.text(event.orgId()), Wire.text(event.actorId()),
                event.action(), event.targetType(), event.targetId(), Wire.time(event.occurredAt()), event.summary());
    }
}
