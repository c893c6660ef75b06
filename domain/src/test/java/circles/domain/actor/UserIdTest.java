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
    void isTrimmedPrintableText() {
        assertThat(UserId.of("  auth0|12345 ").value()).isEqualTo("auth0|12345");
        assertThat(UserId.of("user name with spaces").value()).isEqualTo("user name with spaces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "bad\u0000id", "tab\tinside", "new\nline"})
    void refusesBlankOrControlCharacters(String value) {
        assertThatThrownBy(() -> UserId.of(value)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void holdsAtMost255Characters() {
        assertThat(UserId.of("u".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> UserId.of("u".repeat(256))).isInstanceOf(RuleViolation.class);
    }

    @Test
    void platformAdminComesFromTheTokenRole() {
        assertThat(new Actor(UserId.of("a"), null, null, Set.of("platform-admin")).isPlatformAdmin()).isTrue();
        assertThat(new Actor(UserId.of("a"), null, null, Set.of("activity-ingest")).isPlatformAdmin()).isFalse();
        assertThat(Actor.SYSTEM.isPlatformAdmin()).isTrue();
    }
}
