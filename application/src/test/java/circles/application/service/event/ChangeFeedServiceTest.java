package circles.application.service.event;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.feed.ReadChangeFeedUseCase;
import circles.application.port.out.event.PublicEventLog.PublicEvent;
import circles.application.port.out.event.PublicEventType;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change feed as the use cases write and read it: org groups and their direct members are events in order, a
 * standalone group is none, only the org's admins read, and a cursor continues, expires and filters as documented.
 */
class ChangeFeedServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");
    private final OrgId globex = circles.org("globex", "gil");

    {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy");
    }

    private ReadChangeFeedUseCase.Page read(String after, String types) {
        return circles.changeFeed.read(new ReadChangeFeedUseCase.Query(acme, after, types, 50));
    }

    @Test
    void an_org_group_and_its_direct_members_are_events_in_order_and_a_standalone_group_is_none() {
        circles.as("ana");
        String start = read(ReadChangeFeedUseCase.NOW, null).next();
        Group team = circles.group(DraftBuilder.named("Team").in(acme));
        circles.addMember(team.id(), "bo", GroupRole.MEMBER);
        circles.as("cy");
        circles.groups.create(new circles.application.port.in.group.CreateGroupUseCase.Command(
                DraftBuilder.named("Book club").build()));

        circles.as("ana");
        List<PublicEvent> events = read(start, null).events();

        assertThat(events).extracting(PublicEvent::type).containsExactly(PublicEventType.GROUP_CREATED,
                PublicEventType.GROUP_MEMBER_ADDED);
        assertThat(events).allSatisfy(event -> assertThat(event.subject()).isEqualTo(team.id().toString()));
        assertThat(events.get(1).data()).containsEntry("userId", "bo").containsEntry("kind", "static")
                .containsEntry("via", "direct");
    }

    @Test
    void only_the_orgs_admins_read_its_feed() {
        circles.as("bo");
        assertThatThrownBy(() -> read(null, null)).isInstanceOf(NotAllowed.class);
        circles.as("gil");
        assertThatThrownBy(() -> read(null, null)).isInstanceOf(NotFound.class);
    }

    @Test
    void a_cursor_continues_after_its_page_and_expires_with_the_retention() {
        circles.as("ana");
        String start = read(ReadChangeFeedUseCase.NOW, null).next();
        Group team = circles.group(DraftBuilder.named("Team").in(acme));
        ReadChangeFeedUseCase.Page first = read(start, null);
        assertThat(first.events()).extracting(PublicEvent::type).containsExactly(PublicEventType.GROUP_CREATED);
        circles.addMember(team.id(), "cy", GroupRole.MEMBER);

        assertThat(read(first.next(), null).events()).extracting(PublicEvent::type)
                .containsExactly(PublicEventType.GROUP_MEMBER_ADDED);
        assertThat(read(start, "circles.group.member.added").events()).hasSize(1);

        circles.clock.advance(Duration.ofDays(8));
        assertThatThrownBy(() -> read(first.next(), null)).isInstanceOfSatisfying(InvalidInput.class,
                rejection -> assertThat(rejection.code()).isEqualTo(ChangeFeedService.CURSOR_EXPIRED));
    }

    @Test
    void an_unknown_type_or_another_orgs_cursor_is_refused() {
        circles.as("gil");
        String foreign = circles.changeFeed.read(new ReadChangeFeedUseCase.Query(globex, ReadChangeFeedUseCase.NOW,
                null, 10)).next();
        circles.as("ana");

        assertThatThrownBy(() -> read(null, "circles.group.created,circles.group.exploded"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("invalid-input"));
        assertThatThrownBy(() -> read(foreign, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("invalid-cursor"));
    }
}
