package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void name_is_trimmed_and_bounded() {
        Organization org = Organization.create("  Acme  ", new Slug("acme"), NOW);
        assertThat(org.name()).isEqualTo("Acme");
        assertThat(org.version()).isZero();

        org.rename("a".repeat(Organization.NAME_MAX), NOW.plusSeconds(1));
        assertThat(org.name()).hasSize(200);
        assertThat(org.updatedAt()).isEqualTo(NOW.plusSeconds(1));

        assertThatThrownBy(() -> org.rename("a".repeat(201), NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("name"));
        assertThatThrownBy(() -> org.rename(" ", NOW)).isInstanceOf(RuleViolation.class);
        assertThat(org.name()).hasSize(200);
    }

    @Test
    void needs_a_slug() {
        assertThatThrownBy(() -> Organization.create("Acme", null, NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void member_is_active_when_joining() {
        OrgMember member = OrgMember.join(OrgId.random(), UserId.of("ana"), OrgRole.MEMBER,
                MemberProfile.named(" ana@example.org ", " Ana "), NOW);
        assertThat(member.isActive()).isTrue();
        assertThat(member.profile().email()).isEqualTo("ana@example.org");
        assertThat(member.profile().displayName()).isEqualTo("Ana");

        member.changeStatus(MemberStatus.SUSPENDED, NOW);
        assertThat(member.isActive()).isFalse();
    }

    @Test
    void only_admins_and_it_admins_administer() {
        assertThat(OrgRole.ADMIN.administers()).isTrue();
        assertThat(OrgRole.IT_ADMIN.administers()).isTrue();
        assertThat(OrgRole.MEMBER.administers()).isFalse();
    }
}
