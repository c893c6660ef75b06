package circles.domain.group;

import circles.domain.Fixtures;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static circles.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipTest {
    private static final OrgId ORG = OrgId.random();
    private final Group group = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);

    private Membership window(Instant from, Instant until) {
        return Membership.start(group, UserId.of("ana"),
                new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, from, until, Set.of()),
                UserId.of("admin"), NOW);
    }

    @Test
    void starts_with_the_groups_scope_and_the_given_terms() {
        Membership membership = window(null, null);
        assertThat(membership.groupId()).isEqualTo(group.id());
        assertThat(membership.orgId()).isEqualTo(ORG);
        assertThat(membership.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(membership.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(membership.joinedAt()).isEqualTo(NOW);
        assertThat(membership.invitedBy()).isEqualTo(UserId.of("admin"));
    }

    @Test
    void terms_default_to_an_active_plain_member() {
        Membership.Terms terms = new Membership.Terms(null, null, null, null, null);
        assertThat(terms.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(terms.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(terms.permissions()).isEmpty();
    }

    @Test
    void validity_must_end_after_it_begins() {
        assertThatThrownBy(() -> window(NOW, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("validUntil"));
        assertThatThrownBy(() -> window(NOW, NOW.minusSeconds(1))).isInstanceOf(RuleViolation.class);

        Membership membership = window(null, null);
        assertThatThrownBy(() -> membership.changeValidity(NOW.plusSeconds(10), NOW))
                .isInstanceOf(RuleViolation.class);
        assertThat(membership.validFrom()).isNull();
        assertThat(membership.validUntil()).isNull();
    }

    @Test
    void is_effective_inside_its_window_only() {
        Instant from = NOW.plus(Duration.ofDays(1));
        Instant until = NOW.plus(Duration.ofDays(2));
        Membership membership = window(from, until);

        assertThat(membership.isEffectiveAt(from.minusMillis(1))).isFalse();
        assertThat(membership.isEffectiveAt(from)).isTrue();
        assertThat(membership.isEffectiveAt(until.minusMillis(1))).isTrue();
        assertThat(membership.isEffectiveAt(until)).isFalse();
    }

    @Test
    void open_ended_windows_are_effective() {
        assertThat(window(null, null).isEffectiveAt(Instant.MAX)).isTrue();
        assertThat(window(null, NOW.plusSeconds(1)).isEffectiveAt(Instant.EPOCH)).isTrue();
        assertThat(window(NOW, null).isEffectiveAt(Instant.MAX)).isTrue();
    }

    @Test
    void has_ended_from_its_valid_until() {
        Membership membership = window(null, NOW.plusSeconds(60));
        assertThat(membership.hasEndedAt(NOW.plusSeconds(59))).isFalse();
        assertThat(membership.hasEndedAt(NOW.plusSeconds(60))).isTrue();
        assertThat(window(null, null).hasEndedAt(Instant.MAX)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = MembershipStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void only_active_memberships_are_effective(MembershipStatus status) {
        Membership membership = Fixtures.member(group, "ana", GroupRole.ADMIN, status);
        assertThat(membership.isEffectiveAt(NOW)).isFalse();
        assertThat(membership.grantsAt(NOW)).isEmpty();
    }

    @Test
    void grants_its_role_permissions_plus_its_extra_ones() {
        Membership membership = Fixtures.withExtra(group, "ana", GroupRole.MEMBER,
                Set.of(GroupPermission.SEND_NOTIFICATIONS));

        assertThat(membership.grantsAt(NOW)).containsExactlyInAnyOrder(GroupPermission.VIEW, GroupPermission.LEAVE,
                GroupPermission.SEND_NOTIFICATIONS);
        assertThat(membership.permissions()).containsExactly(GroupPermission.SEND_NOTIFICATIONS);
    }

    @Test
    void grants_nothing_outside_its_window() {
        Membership membership = Membership.start(group, UserId.of("ana"),
                new Membership.Terms(GroupRole.ADMIN, MembershipStatus.ACTIVE, null, NOW.plusSeconds(10),
                        Set.of(GroupPermission.DELETE)), null, NOW);

        assertThat(membership.grantsAt(NOW)).contains(GroupPermission.DELETE, GroupPermission.MANAGE_SETTINGS);
        assertThat(membership.grantsAt(NOW.plusSeconds(10))).isEmpty();
    }

    @Test
    void suspending_takes_the_rights_away() {
        Membership membership = Fixtures.member(group, "ana", GroupRole.MODERATOR);
        assertThat(membership.grantsAt(NOW)).contains(GroupPermission.MANAGE_MEMBERS);

        membership.changeStatus(MembershipStatus.SUSPENDED);

        assertThat(membership.grantsAt(NOW)).isEmpty();
    }

    @Test
    void extra_permissions_can_be_replaced() {
        Membership membership = Fixtures.withExtra(group, "ana", GroupRole.MEMBER, Set.of(GroupPermission.DELETE));
        membership.changePermissions(Set.of());
        assertThat(membership.grantsAt(NOW)).containsExactlyInAnyOrder(GroupPermission.VIEW, GroupPermission.LEAVE);
    }
}
