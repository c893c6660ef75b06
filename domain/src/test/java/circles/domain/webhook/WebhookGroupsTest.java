package circles.domain.webhook;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A deleted group leaves an endpoint's groups, but a deletion never widens the endpoint to every group. */
class WebhookGroupsTest {
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final GroupId FIRST = new GroupId(UUID.randomUUID());
    private static final GroupId SECOND = new GroupId(UUID.randomUUID());

    private static Webhook limitedTo(Set<GroupId> groups) {
        return Webhook.create(new OrgId(UUID.randomUUID()), "https://hooks.example.com/in", null,
                Set.of("circles.group.updated", "circles.org.member.added"), groups, WebhookSecret.generate(),
                UserId.of("admin"), NOW);
    }

    @Test
    void a_deleted_group_leaves_the_endpoint_and_its_events_no_longer_match() {
        Webhook webhook = limitedTo(Set.of(FIRST, SECOND));

        assertThat(webhook.forgetDeletedGroup(FIRST, NOW.plusSeconds(1))).isTrue();

        assertThat(webhook.groupIds()).containsExactly(SECOND);
        assertThat(webhook.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(webhook.wants("circles.group.updated", FIRST)).isFalse();
        assertThat(webhook.wants("circles.group.updated", SECOND)).isTrue();
        assertThat(webhook.enabled()).isTrue();
    }

    @Test
    void the_last_group_stays_so_the_endpoint_is_never_widened_to_every_group() {
        Webhook webhook = limitedTo(Set.of(FIRST));

        assertThat(webhook.forgetDeletedGroup(FIRST, NOW.plusSeconds(1))).isFalse();

        assertThat(webhook.groupIds()).containsExactly(FIRST);
        assertThat(webhook.wants("circles.group.updated", new GroupId(UUID.randomUUID()))).isFalse();
        assertThat(webhook.wants("circles.org.member.added", null)).as("member events are not narrowed").isTrue();
    }

    @Test
    void a_group_the_endpoint_is_not_limited_to_changes_nothing() {
        Webhook everyGroup = limitedTo(Set.of());
        Webhook other = limitedTo(Set.of(SECOND));

        assertThat(everyGroup.forgetDeletedGroup(FIRST, NOW)).isFalse();
        assertThat(other.forgetDeletedGroup(FIRST, NOW)).isFalse();
        assertThat(everyGroup.groupIds()).isEmpty();
        assertThat(other.groupIds()).containsExactly(SECOND);
    }
}
