package circles.application.service.group;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.group.ExpireGroupsUseCase;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupStatus;
import circles.domain.group.MembershipStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");
    private final Instant inOneHour = circles.clock.instant().plus(Duration.ofHours(1));

    {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy");
    }

    @Test
    void archives_groups_past_their_expiry_exactly_once() {
        Group expiring = circles.group(DraftBuilder.named("Sprint").in(acme).expiresAt(inOneHour));
        Group later = circles.group(DraftBuilder.named("Quarter").in(acme)
                .expiresAt(inOneHour.plus(Duration.ofDays(90))));
        Group forever = circles.group(DraftBuilder.named("Forever").in(acme));

        assertThat(circles.expiry.expire()).isEqualTo(new ExpireGroupsUseCase.Report(0, 0));

        circles.clock.advance(Duration.ofHours(1));
        var mark = circles.auditMark();
        assertThat(circles.expiry.expire().archivedGroups()).isEqualTo(1);

        assertThat(circles.stored(expiring.id()).orElseThrow().status()).isEqualTo(GroupStatus.ARCHIVED);
        assertThat(circles.stored(later.id()).orElseThrow().status()).isEqualTo(GroupStatus.ACTIVE);
        assertThat(circles.stored(forever.id()).orElseThrow().status()).isEqualTo(GroupStatus.ACTIVE);
        assertThat(mark.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("group.expired");
            assertThat(event.targetId()).isEqualTo(expiring.id().toString());
            assertThat(event.orgId()).isEqualTo(acme);
            assertThat(event.actorId()).isNull();
        });

        circles.clock.advance(Duration.ofMinutes(5));
        assertThat(circles.expiry.expire().archivedGroups()).isZero();
        assertThat(circles.db.auditEvents()).filteredOn(event -> event.action().equals("group.expired")).hasSize(1);
    }

    @Test
    void ends_memberships_past_their_validity() {
        Group team = circles.group(DraftBuilder.named("Team").in(acme));
        circles.addMember(team.id(), "bo", GroupRole.MEMBER, MembershipStatus.ACTIVE, inOneHour);
        circles.addMember(team.id(), "cy", GroupRole.MEMBER);

        circles.clock.advance(Duration.ofMinutes(59));
        assertThat(circles.expiry.expire().endedMemberships()).isZero();
        assertThat(circles.membership(team.id(), "bo")).isPresent();

        circles.clock.advance(Duration.ofMinutes(1));
        var mark = circles.auditMark();
        assertThat(circles.expiry.expire()).isEqualTo(new ExpireGroupsUseCase.Report(0, 1));

        assertThat(circles.membership(team.id(), "bo")).isEmpty();
        assertThat(circles.membership(team.id(), "cy")).isPresent();
        assertThat(mark.events()).extracting(AuditEvent::action).containsExactly("group_member.expired");
        assertThat(circles.expiry.expire().endedMemberships()).isZero();
    }

    @Test
    void works_through_more_than_one_batch() {
        Group team = circles.group(DraftBuilder.named("Big").in(acme));
        for (int i = 0; i < 205; i++) {
            circles.joinOrg(acme, "user-" + i, OrgRole.MEMBER);
            circles.addMember(team.id(), "user-" + i, GroupRole.MEMBER, MembershipStatus.ACTIVE, inOneHour);
        }
        circles.clock.advance(Duration.ofHours(2));
        int before = circles.db.transactionsRun();

        assertThat(circles.expiry.expire().endedMemberships()).isEqualTo(205);
        assertThat(circles.db.transactionsRun() - before).isGreaterThanOrEqualTo(3);
    }
}
