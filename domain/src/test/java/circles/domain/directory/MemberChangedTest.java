package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemberChangedTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrgId ORG = OrgId.random();
    private static final UserId ANA = UserId.of("ana");

    private static MemberChanged.Snapshot snapshot(OrgRole role, MemberStatus status, String department) {
        return new MemberChanged.Snapshot(role, status, new MemberProfile("ana@example.org", null, department,
                null, null, null, null, null, null, null, Map.of("team", "core"), null));
    }

    @Test
    void a_change_names_the_fields_that_differ() {
        MemberChanged change = MemberChanged.between(ORG, ANA, snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, "eng"),
                snapshot(OrgRole.IT_ADMIN, MemberStatus.ACTIVE, "sales"), NOW);

        assertThat(change.changedFields()).containsExactlyInAnyOrder("role", "department");
        assertThat(change.changesAnything()).isTrue();
    }

    @Test
    void an_arrival_and_a_departure_name_every_field_that_holds_a_value() {
        var member = snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, "eng");

        assertThat(MemberChanged.between(ORG, ANA, null, member, NOW).changedFields())
                .containsExactlyInAnyOrder("role", "status", "email", "department", "customAttributes.team");
        assertThat(MemberChanged.between(ORG, ANA, member, null, NOW).changedFields())
                .containsExactlyInAnyOrder("role", "status", "email", "department", "customAttributes.team");
    }

    @Test
    void a_change_to_the_same_values_changes_nothing() {
        var member = snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, "eng");

        assertThat(MemberChanged.between(ORG, ANA, member, member, NOW).changesAnything()).isFalse();
    }
}
