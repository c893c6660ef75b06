package circles.application;

import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventType;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public event log in memory. Every write is visible at once (the in-memory transactions never overlap), so the
 * position is simply the order of writing; cursors are random tokens remembered with their org.
 */
public final class InMemoryPublicEventLog implements PublicEventLog {
    private final InMemoryDatabase db;
    private final Clock clock;
    private final List<FeedEvent> events = new ArrayList<>();
    private final Map<String, Issued> cursors = new ConcurrentHashMap<>();
    private long sequence;

    private record Issued(OrgId orgId, FeedPosition position) {
    }

    public InMemoryPublicEventLog(InMemoryDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public synchronized void append(PublicEvent event) {
        db.requireTransaction();
        sequence++;
        events.add(new FeedEvent(new FeedPosition(sequence, sequence, event.time()), event));
    }

    @Override
    public synchronized void appendEvaluation(Evaluation evaluation, int limit) {
        db.requireTransaction();
        if (evaluation.changes() == 0) {
            return;
        }
        String group = evaluation.groupId().toString();
        String cause = evaluation.cause().name().toLowerCase();
        if (evaluation.changes() > limit) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orgId", evaluation.orgId().toString());
            data.put("groupId", group);
            data.put("evaluationId", evaluation.evaluationId().toString());
            data.put("cause", cause);
            data.put("added", evaluation.added().size());
            data.put("removed", evaluation.removed().size());
            append(new PublicEvent(UUID.randomUUID(), evaluation.orgId(), PublicEventType.GROUP_MEMBERS_BULK_CHANGED,
                    group, evaluation.at(), data));
            return;
        }
        evaluation.added().forEach((userId, via) -> append(member(evaluation, PublicEventType.GROUP_MEMBER_ADDED,
                userId.value(), via.name().equals("INCLUDE") ? "override" : "dynamic")));
        evaluation.removed().forEach(userId -> append(member(evaluation, PublicEventType.GROUP_MEMBER_REMOVED,
                userId.value(), "dynamic")));
    }

    private static PublicEvent member(Evaluation evaluation, PublicEventType type, String userId, String via) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", evaluation.orgId().toString());
        data.put("groupId", evaluation.groupId().toString());
        data.put("userId", userId);
        data.put("kind", "dynamic");
        data.put("role", "member");
        data.put("status", "active");
        data.put("via", via);
        data.put("viaKind", via);
        data.put("viaGroupId", null);
        data.put("cause", evaluation.cause().name().toLowerCase());
        data.put("evaluationId", evaluation.evaluationId().toString());
        return new PublicEvent(UUID.randomUUID(), evaluation.orgId(), type, evaluation.groupId().toString(),
                evaluation.at(), data);
    }

    @Override
    public synchronized Feed read(OrgId orgId, FeedPosition after, Set<PublicEventType> types, int limit) {
        List<FeedEvent> page = new ArrayList<>();
        boolean more = false;
        for (FeedEvent event : events) {
            if (!event.event().orgId().equals(orgId) || (after != null && event.position().compareTo(after) <= 0)
                    || (!types.isEmpty() && !types.contains(event.event().type()))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(event);
        }
        FeedPosition next = more ? page.getLast().position() : now(orgId);
        return new Feed(page, next, more);
    }

    @Override
    public synchronized FeedPosition now(OrgId orgId) {
        return new FeedPosition(sequence, Long.MAX_VALUE, clock.instant());
    }

    @Override
    public String cursor(OrgId orgId, FeedPosition position) {
        String token = UUID.randomUUID().toString();
        cursors.put(token, new Issued(orgId, position));
        return token;
    }

    @Override
    public FeedPosition position(OrgId orgId, String cursor) {
        Issued issued = cursors.get(cursor);
        if (issued == null || !issued.orgId().equals(orgId)) {
            throw new InvalidInput("invalid-cursor", "after", "is not a cursor this service issued for this feed");
        }
        return issued.position();
    }

    @Override
    public synchronized int purgeOlderThan(Instant cutoff, int limit) {
        db.requireTransaction();
        List<FeedEvent> old = events.stream().filter(event -> event.event().time().isBefore(cutoff)).limit(limit)
                .toList();
        events.removeAll(old);
        return old.size();
    }

    /** Every event written, in order (for tests of the use cases). */
    public synchronized List<PublicEvent> all() {
        return events.stream().map(FeedEvent::event).toList();
    }
}
