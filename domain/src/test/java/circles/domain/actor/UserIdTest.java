package circles.domain.actor;

import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserIdTest {

    @Test
    void is_trimmed_printable_text() {
        assertThat(UserId.of("  auth0|12345 ").value()).isEqualTo("auth0|12345");
        assertThat(UserId.of("user name with spaces").value()).isEqualTo("user name with spaces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "bad\u0000id", "tab\tinside", "new\nline"})
    void refuses_blank_or_control_characters(String value) {
        assertThatThrownBy(() -> UserId.of(value)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void holds_at_most255_characters() {
        assertThat(UserId.of("u".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> UserId.of("u".repeat(256))).isInstanceOf(RuleViolation.class);
    }

    @Test
    void platform_admin_comes_from_the_token_role() {
        assertThat(new Actor(UserId.of("a"), null, null, Set.of("platform-admin")).isPlatformAdmin()).isTrue();
        assertThat(new Actor(UserId.of("a"), null, null, Set.of("activity-ingest")).isPlatformAdmin()).isFalse();
        assertThat(Actor.SYSTEM.isPlatformAdmin()).isTrue();
    }
}
