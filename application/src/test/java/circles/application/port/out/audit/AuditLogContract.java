package circles.application.port.out.audit;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.someUser;
import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link AuditLog} rely on, whichever storage serves it: events kept whole in their own org, listed
 * newest first in a stable order page by page, and filtered by target, actor, action and a half-open time window.
 */
public abstract class AuditLogContract {
    protected abstract PortFixture fixture();

    protected abstract AuditLog log();

    @Test
    void records_events_whole_and_lists_them_newest_first_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId alice = someUser("alice");
        Instant start = world.now();
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEvent event = AuditEvent.of(org.id(), alice, "group.created", "group", "g-" + i,
                    start.plusSeconds(i), Map.of("name", "Group " + i, "changes", List.of("a", "b"),
                            "nested", Map.of("from", "x", "flag", true)));
            recorded.add(event);
            world.inTransaction(() -> log().record(event));
        }
        world.inTransaction(() -> log().record(AuditEvent.of(other.id(), alice, "group.created", "group", "g-x",
                start, Map.of())));

        List<AuditEvent> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<AuditEvent> page = world.inTransaction(() -> log().list(query(org.id(), null, null, null, null,
                    null), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(recorded.reversed());
        assertThat(listed.getFirst().summary()).isEqualTo(Map.of("name", "Group 4", "changes", List.of("a", "b"),
                "nested", Map.of("from", "x", "flag", true)));
        assertThat(listed.getFirst().actorId()).isEqualTo(alice);
        assertThat(listed.getFirst().targetType()).isEqualTo("group");
        assertThat(listed.getFirst().occurredAt()).isEqualTo(start.plusSeconds(4));
    }

    @Test
    void events_of_the_same_instant_page_in_a_stable_order_without_gaps_or_repeats() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Instant instant = world.now();
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEvent event = AuditEvent.of(org.id(), null, "member.added", "member", "m-" + i, instant, Map.of());
            recorded.add(event);
            world.inTransaction(() -> log().record(event));
        }

        List<UUID> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<AuditEvent> page = world.inTransaction(() -> log().list(query(org.id(), null, null, null, null,
                    null), current));
            page.items().forEach(event -> listed.add(event.id()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        // Ties go by id, descending, as the database orders UUIDs: byte by byte, which is the order of their text.
        assertThat(listed).containsExactlyElementsOf(recorded.stream().map(AuditEvent::id)
                .sorted(Comparator.comparing(UUID::toString).reversed()).toList());
    }

    @Test
    void filters_by_target_actor_action_and_a_half_open_time_window() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId alice = someUser("alice");
        UserId bob = someUser("bob");
        Instant start = world.now();
        for (int i = 0; i < 5; i++) {
            AuditEvent event = AuditEvent.of(org.id(), i % 2 == 0 ? alice : bob,
                    i < 3 ? "group.created" : "group.updated", "group", "g-" + i, start.plusSeconds(i), Map.of());
            world.inTransaction(() -> log().record(event));
        }
        world.inTransaction(() -> log().record(AuditEvent.of(other.id(), bob, "group.updated", "group", "g-3",
                start.plusSeconds(3), Map.of())));

        assertThat(targets(query(org.id(), "g-3", null, null, null, null))).containsExactly("g-3");
        assertThat(targets(query(org.id(), null, bob.value(), null, null, null))).containsExactly("g-3", "g-1");
        assertThat(targets(query(org.id(), null, null, "group.updated", null, null))).containsExactly("g-4", "g-3");
        assertThat(targets(query(org.id(), null, null, null, start.plusSeconds(1), start.plusSeconds(3))))
                .containsExactly("g-2", "g-1");
        assertThat(targets(query(org.id(), null, alice.value(), "group.created", start.plusSeconds(1), null)))
                .containsExactly("g-2");
        assertThat(targets(query(other.id(), null, null, null, null, null))).containsExactly("g-3");
        assertThat(targets(query(org.id(), unique("nothing"), null, null, null, null))).isEmpty();
    }

    @Test
    void an_event_without_an_actor_or_an_org_is_kept_as_such() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String target = unique("g");
        world.inTransaction(() -> log().record(AuditEvent.of(org.id(), null, "group.expired", "group", target,
                world.now(), Map.of())));
        String standalone = unique("s");
        world.inTransaction(() -> log().record(AuditEvent.of(null, someUser("owner"), "group.created", "group",
                standalone, world.now(), Map.of())));

        assertThat(world.inTransaction(() -> log().list(query(org.id(), target, null, null, null, null),
                PageRequest.first(5))).items()).singleElement()
                .satisfies(event -> assertThat(event.actorId()).isNull());
        // Standalone events are listed among themselves, never with an org's.
        assertThat(targets(query(null, standalone, null, null, null, null))).containsExactly(standalone);
        assertThat(targets(query(org.id(), standalone, null, null, null, null))).isEmpty();
        assertThat(targets(query(null, target, null, null, null, null))).isEmpty();
    }

    private List<String> targets(AuditLog.Query query) {
        return fixture().inTransaction(() -> log().list(query, PageRequest.first(50))).items().stream()
                .map(AuditEvent::targetId).toList();
    }

    private static AuditLog.Query query(OrgId orgId, String target, String actor, String action, Instant from,
                                        Instant to) {
        return new AuditLog.Query(orgId, target, actor, action, from, to);
    }
}
