package circles.domain.group;

import circles.domain.Fixtures;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static circles.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentTest {
    private final Group group = Fixtures.orgGroup(OrgId.random(), Visibility.ORGANIZATION);

    @Test
    void assigns_to_a_static_group() {
        Assignment assignment = Assignment.assign(group, "course", " c-101 ", UserId.of("admin"), NOW);
        assertThat(assignment.groupId()).isEqualTo(group.id());
        assertThat(assignment.resourceId()).isEqualTo("c-101");
        assertThat(assignment.assignedBy()).isEqualTo(UserId.of("admin"));
        assertThat(assignment.assignedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Course", "-course", "course type",
            "type_with_more_than_sixty_four_characters_is_far_too_long_for_a_type"})
    void resource_type_is_a_lower_case_token(String type) {
        assertThatThrownBy(() -> Assignment.assign(group, type, "c-1", UserId.of("admin"), NOW))
                .isInstanceOf(RuleViolation.class);
    }
}
