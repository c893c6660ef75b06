package circles.domain.group;

import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupDescriptionTest {

    private static GroupDescription named(String name) {
        return new GroupDescription(name, null, null, null, null);
    }

    @Test
    void name_is_trimmed() {
        assertThat(named("  Backend Guild \t").name()).isEqualTo("Backend Guild");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n "})
    void blank_name_is_refused_and_names_the_field(String blank) {
        assertThatThrownBy(() -> named(blank))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.code()).isEqualTo("validation-failed");
                    assertThat(violation.errors()).containsExactly(new FieldError("name", "must not be blank"));
                });
    }

    @ParameterizedTest
    @NullSource
    void missing_name_is_required(String missing) {
        assertThatThrownBy(() -> named(missing))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).containsExactly(new FieldError("name", "is required")));
    }

    @Test
    void name_of_exactly_the_maximum_length_is_accepted() {
        String longest = "n".repeat(GroupDescription.NAME_MAX);
        assertThat(named(longest).name()).hasSize(200);
    }

    @Test
    void name_one_character_too_long_is_refused() {
        assertThatThrownBy(() -> named("n".repeat(GroupDescription.NAME_MAX + 1)))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("name"));
    }

    @Test
    void length_is_measured_after_trimming() {
        String padded = "   " + "n".repeat(GroupDescription.NAME_MAX) + "   ";
        assertThat(named(padded).name()).hasSize(GroupDescription.NAME_MAX);
    }

    @Test
    void blank_optional_fields_become_absent() {
        GroupDescription description = new GroupDescription("Team", "  ", "", " ", null);
        assertThat(description.description()).isNull();
        assertThat(description.email()).isNull();
        assertThat(description.icon()).isNull();
        assertThat(description.color()).isNull();
    }

    @Test
    void email_must_look_like_an_email_address() {
        assertThat(new GroupDescription("Team", null, " team@example.org ", null, null).email())
                .isEqualTo("team@example.org");
        assertThatThrownBy(() -> new GroupDescription("Team", null, "not-an-address", null, null))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#7c3aed", "#FFF", "teal", "rgb(124, 58, 237)"})
    void colors_are_free_text_as_the_ui_chooses_them(String color) {
        assertThat(new GroupDescription("Team", null, null, null, color).color()).isEqualTo(color);
    }

    @Test
    void colors_and_icons_are_bounded() {
        assertThat(new GroupDescription("Team", null, null, "i".repeat(512), "c".repeat(32)).icon()).hasSize(512);
        assertThatThrownBy(() -> new GroupDescription("Team", null, null, null, "c".repeat(33)))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("color"));
        assertThatThrownBy(() -> new GroupDescription("Team", null, null, "i".repeat(513), null))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("icon"));
    }

    @Test
    void description_is_bounded() {
        assertThat(new GroupDescription("Team", "d".repeat(2000), null, null, null).description()).hasSize(2000);
        assertThatThrownBy(() -> new GroupDescription("Team", "d".repeat(2001), null, null, null))
                .isInstanceOf(RuleViolation.class);
    }
}
