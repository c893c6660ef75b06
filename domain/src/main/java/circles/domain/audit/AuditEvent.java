package circles.domain.audit;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A record of one change: who did what to which resource, when, and a summary of the change. */
public record AuditEvent(UUID id, OrgId orgId, UserId actorId, String action, String targetType, String targetId,
                         Instant occurredAt, Map<String, Object> summary) {
    public AuditEvent {
        summary = summary == null ? Map.of() : Map.copyOf(summary);
    }

    public static AuditEvent of(OrgId orgId, UserId actorId, String action, String targetType, Object targetId,
                                Instant now, Map<String, Object> summary) {
        return new AuditEvent(UUID.randomUUID(), orgId, actorId, action, targetType, String.valueOf(targetId), now,
                summary);
    }
}
