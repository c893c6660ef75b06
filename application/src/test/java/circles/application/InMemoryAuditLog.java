package circles.application;

import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.audit.AuditEvent;

import java.util.Comparator;
import java.util.Objects;

public final class InMemoryAuditLog implements AuditLog {
    private final InMemoryDatabase db;

    public InMemoryAuditLog(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void record(AuditEvent event) {
        db.requireTransaction();
        db.auditEvents.add(event);
    }

    @Override
    public Page<AuditEvent> list(Query query, PageRequest page) {
        return InMemoryDatabase.page(db.auditEvents.stream()
                .filter(event -> Objects.equals(event.orgId(), query.orgId()))
                .filter(event -> query.targetId() == null || query.targetId().equals(event.targetId()))
                .filter(event -> query.actorId() == null
                        || (event.actorId() != null && query.actorId().equals(event.actorId().value())))
                .filter(event -> query.action() == null || query.action().equals(event.action()))
                .filter(event -> query.from() == null || !event.occurredAt().isBefore(query.from()))
                .filter(event -> query.to() == null || event.occurredAt().isBefore(query.to()))
                // Newest first, and among events of the same instant the order the database gives: by id, descending,
                // compared as the database compares UUIDs (byte by byte, as their text does, unlike UUID.compareTo).
                .sorted(Comparator.comparing(AuditEvent::occurredAt)
                        .thenComparing((AuditEvent event) -> event.id().toString()).reversed())
                .toList(), page);
    }
}
