package circles.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "team", "q4-launch-team", "2026", "a-b-c-1"})
    void accepts_lower_case_letters_digits_and_single_dashes(String value) {
        assertThat(new Slug(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Team", "-team", "team-", "te--am", "te_am", "te am", "tëam", "team!"})
    void refuses_anything_else(String value) {
        assertThatThrownBy(() -> new Slug(value))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("slug"));
    }

    @Test
    void is_required() {
        assertThatThrownBy(() -> new Slug(null)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void holds_at_most_one_hundred_characters() {
        assertThat(new Slug("s".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> new Slug("s".repeat(101))).isInstanceOf(RuleViolation.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Q4 Launch Team!|q4-launch-team",
            "  Backend   Guild  |backend-guild",
            "Équipe Café|equipe-cafe",
            "Zürich Öffice|zurich-office",
            "--Ops__On-Call--|ops-on-call",
            "R&D 2026|r-d-2026",
            "İstanbul Office|istanbul-office"
    })
    void derivesFromAName(String name, String expected) {
        assertThat(Slug.fromName(name).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "   ", "日本語", "🙂"})
    void falls_back_to_group_when_the_name_has_nothing_usable(String name) {
        assertThat(Slug.fromName(name).value()).isEqualTo("group");
    }

    @Test
    void cuts_long_names_to_one_hundred_characters_without_a_trailing_dash() {
        String name = "a".repeat(99) + " tail";
        Slug slug = Slug.fromName(name);
        assertThat(slug.value()).hasSizeLessThanOrEqualTo(100).doesNotEndWith("-").isEqualTo("a".repeat(99));
    }

    @Test
    void derived_slug_is_always_valid() {
        String[] names = {"Über-Team", "a b", "  x  ", "Ünïcödé – dash", "A".repeat(300), "x-".repeat(100),
                "Tab\tSeparated", "ß", "Ø Øresund"};
        for (String name : names) {
            Slug slug = Slug.fromName(name);
            assertThat(slug.value()).as(name).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(100);
        }
    }
}
