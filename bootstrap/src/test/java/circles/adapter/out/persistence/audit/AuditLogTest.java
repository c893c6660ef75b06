package circles.adapter.out.persistence.audit;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class AuditLogTest extends PersistenceTest {

    @Test
    void records_events_and_lists_them_newest_first_with_filters() {
        Organization org = newOrg();
        Organization other = newOrg();
        UserId alice = user("alice");
        UserId bob = user("bob");
        Instant start = now();
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEvent event = AuditEvent.of(org.id(), i % 2 == 0 ? alice : bob, i < 3 ? "group.created" : "group.updated",
                    "group", "g-" + i, start.plusSeconds(i),
                    Map.of("name", "Group " + i, "changes", List.of("a", "b"), "nested", Map.of("from", "x")));
            recorded.add(event);
            inTx(() -> auditLog.record(event));
        }
        inTx(() -> auditLog.record(AuditEvent.of(other.id(), alice, "group.created", "group", "g-x", start,
                Map.of())));

        List<AuditEvent> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<AuditEvent> page = tx(() -> auditLog.list(query(org, null, null, null, null, null), current));
            listed.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(listed).containsExactlyElementsOf(recorded.reversed());
        assertThat(listed.getFirst().summary()).isEqualTo(recorded.getLast().summary());

        assertThat(ids(query(org, "g-3", null, null, null, null))).containsExactly("g-3");
        assertThat(ids(query(org, null, bob.value(), null, null, null))).containsExactly("g-3", "g-1");
        assertThat(ids(query(org, null, null, "group.updated", null, null))).containsExactly("g-4", "g-3");
        assertThat(ids(query(org, null, null, null, start.plusSeconds(1), start.plusSeconds(3))))
                .containsExactly("g-2", "g-1");
        assertThat(ids(query(other, null, null, null, null, null))).containsExactly("g-x");

        AuditEvent bySystem = AuditEvent.of(other.id(), null, "group.expired", "group", "g-y", start.plusSeconds(9),
                Map.of());
        inTx(() -> auditLog.record(bySystem));
        assertThat(tx(() -> auditLog.list(query(other, "g-y", null, null, null, null), PageRequest.first(5))).items())
                .singleElement().satisfies(event -> assertThat(event.actorId()).isNull());
    }

    private List<String> ids(AuditLog.Query query) {
        return tx(() -> auditLog.list(query, PageRequest.first(50))).items().stream().map(AuditEvent::targetId).toList();
    }

    private static AuditLog.Query query(Organization org, String target, String actor, String action, Instant from,
                                        Instant to) {
        return new AuditLog.Query(org.id(), target, actor, action, from, to);
    }
}
