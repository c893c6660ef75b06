package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilePatchTest {
    private static final MemberProfile CURRENT = new MemberProfile("ana@example.org", "Ana", "engineering",
            "berlin", "engineer", UserId.of("bo"), "/engineering", "full_time", "cc-1", "staff",
            Map.of("team", "core", "shirt", "M"), null);

    private static ProfilePatch patch(Optional<String> department, Optional<UserId> manager,
                                      ProfilePatch.AttributeChanges attributes) {
        return new ProfilePatch(null, null, department, null, null, manager, null, null, null, null, attributes,
                null);
    }

    @Test
    void absent_fields_stay_cleared_fields_go_and_given_fields_replace() {
        MemberProfile after = patch(Optional.of("sales"), Optional.empty(), null).applyTo(CURRENT);

        assertThat(after.department()).isEqualTo("sales");
        assertThat(after.managerId()).isNull();
        assertThat(after.location()).isEqualTo("berlin");
        assertThat(after.customAttributes()).isEqualTo(CURRENT.customAttributes());
    }

    @Test
    void custom_attributes_merge_key_by_key_and_null_clears_them_all() {
        var merge = new ProfilePatch.AttributeChanges(false, Map.of("desk", "4", "team", "edge"), Set.of("shirt"));
        assertThat(patch(null, null, merge).applyTo(CURRENT).customAttributes())
                .isEqualTo(Map.of("team", "edge", "desk", "4"));

        assertThat(patch(null, null, ProfilePatch.AttributeChanges.CLEAR_ALL).applyTo(CURRENT).customAttributes())
                .isEmpty();
    }

    @Test
    void the_result_is_checked_like_any_profile() {
        var tooLong = new ProfilePatch.AttributeChanges(false, Map.of("bio", "x".repeat(2000)), Set.of());

        assertThatThrownBy(() -> patch(null, null, tooLong).applyTo(CURRENT)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void named_fields_are_those_the_patch_mentions() {
        assertThat(patch(Optional.empty(), null, ProfilePatch.AttributeChanges.CLEAR_ALL).namedFields())
                .containsExactly("department", "customAttributes");
        assertThat(ProfilePatch.displayName(Optional.of("Ana")).namedFields()).containsExactly("displayName");
        assertThat(ProfilePatch.NONE.isEmpty()).isTrue();
    }
}
