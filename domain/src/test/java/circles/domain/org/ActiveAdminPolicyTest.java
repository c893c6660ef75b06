package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.org.ActiveAdminPolicy.Standing;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActiveAdminPolicyTest {
    static final OrgId ORG = new OrgId(new UUID(0, 3));
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final UserId ANA = UserId.of("ana");
    static final UserId BO = UserId.of("bo");
    static final UserId CY = UserId.of("cy");
    static final Optional<Standing> MEMBER = Optional.of(new Standing(OrgRole.MEMBER, MemberStatus.ACTIVE));
    static final Optional<Standing> SUSPENDED_ADMIN = Optional.of(new Standing(OrgRole.ADMIN, MemberStatus.SUSPENDED));
    static final Optional<Standing> ACTIVE_ADMIN = Optional.of(new Standing(OrgRole.ADMIN, MemberStatus.ACTIVE));

    static OrgMember member(UserId userId, OrgRole role, MemberStatus status) {
        return OrgMember.restore(ORG, userId, role, status, MemberProfile.EMPTY, NOW, 1, NOW);
    }

    static Supplier<Collection<UserId>> notAsked() {
        return () -> {
            throw new AssertionError("the admins must not be listed");
        };
    }

    @Test
    void the_last_active_admin_cannot_be_demoted_suspended_or_removed() {
        OrgMember ana = member(ANA, OrgRole.ADMIN, MemberStatus.ACTIVE);

        for (Optional<Standing> after : List.of(MEMBER, SUSPENDED_ADMIN, Optional.<Standing>empty())) {
            ActiveAdminPolicy.Outcome outcome = ActiveAdminPolicy.change(ana, after, () -> List.of(ANA));
            assertThat(outcome).isEqualTo(new ActiveAdminPolicy.LastAdminsLeave(ORG, List.of(ANA)));
            assertThatThrownBy(outcome::requireKept).isInstanceOfSatisfying(RuleViolation.class, violation -> {
                assertThat(violation.code()).isEqualTo("last-admin");
                assertThat(violation.getMessage()).contains("user ana is the last active admin of org " + ORG);
            });
        }
    }

    @Test
    void an_admin_may_leave_while_another_active_admin_stays() {
        OrgMember ana = member(ANA, OrgRole.ADMIN, MemberStatus.ACTIVE);

        assertThat(ActiveAdminPolicy.change(ana, Optional.empty(), () -> List.of(ANA, BO)))
                .isInstanceOf(ActiveAdminPolicy.Kept.class);
        assertThat(ActiveAdminPolicy.change(ana, MEMBER, () -> List.of(BO, CY)))
                .isInstanceOf(ActiveAdminPolicy.Kept.class);
        ActiveAdminPolicy.change(ana, ACTIVE_ADMIN, () -> List.of(ANA)).requireKept();
    }

    @Test
    void a_change_of_someone_who_is_no_active_admin_is_allowed_without_listing_the_admins() {
        assertThat(ActiveAdminPolicy.change(member(ANA, OrgRole.MEMBER, MemberStatus.ACTIVE), Optional.empty(),
                notAsked())).isInstanceOf(ActiveAdminPolicy.Kept.class);
        assertThat(ActiveAdminPolicy.change(member(ANA, OrgRole.ADMIN, MemberStatus.SUSPENDED), MEMBER,
                notAsked())).isInstanceOf(ActiveAdminPolicy.Kept.class);
        assertThat(ActiveAdminPolicy.change(member(ANA, OrgRole.IT_ADMIN, MemberStatus.ACTIVE), Optional.empty(),
                notAsked())).isInstanceOf(ActiveAdminPolicy.Kept.class);
    }

    @Test
    void many_changes_at_once_may_replace_the_admins_but_not_leave_none() {
        assertThat(ActiveAdminPolicy.changes(ORG, List.of(ANA, BO), Map.of(ANA, MEMBER, BO, SUSPENDED_ADMIN)))
                .isEqualTo(new ActiveAdminPolicy.LastAdminsLeave(ORG, List.of(ANA, BO)));
        assertThat(ActiveAdminPolicy.changes(ORG, List.of(ANA, BO),
                Map.of(ANA, MEMBER, BO, SUSPENDED_ADMIN, CY, ACTIVE_ADMIN))).isInstanceOf(ActiveAdminPolicy.Kept.class);
        assertThat(ActiveAdminPolicy.changes(ORG, List.of(ANA, BO), Map.of(ANA, MEMBER, BO, ACTIVE_ADMIN)))
                .isInstanceOf(ActiveAdminPolicy.Kept.class);
        assertThat(ActiveAdminPolicy.changes(ORG, List.of(ANA, BO), Map.of(ANA, MEMBER)))
                .as("bo is untouched").isInstanceOf(ActiveAdminPolicy.Kept.class);
        assertThat(ActiveAdminPolicy.changes(ORG, List.of(), Map.of(ANA, MEMBER)))
                .as("an org without an admin is not made to get one").isInstanceOf(ActiveAdminPolicy.Kept.class);
    }

    @Test
    void a_row_taking_away_the_last_admin_names_the_field_it_changes() {
        assertThat(ActiveAdminPolicy.LastAdminsLeave.rowError(MEMBER.orElseThrow()))
                .isEqualTo(new FieldError("role", "would leave the org without an active admin"));
        assertThat(ActiveAdminPolicy.LastAdminsLeave.rowError(SUSPENDED_ADMIN.orElseThrow()))
                .isEqualTo(new FieldError("status", "would leave the org without an active admin"));
    }
}
