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
    void acceptsLowerCaseLettersDigitsAndSingleDashes(String value) {
        assertThat(new Slug(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Team", "-team", "team-", "te--am", "te_am", "te am", "tëam", "team!"})
    void refusesAnythingElse(String value) {
        assertThatThrownBy(() -> new Slug(value))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("slug"));
    }

    @Test
    void isRequired() {
        assertThatThrownBy(() -> new Slug(null)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void holdsAtMostOneHundredCharacters() {
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
    void fallsBackToGroupWhenTheNameHasNothingUsable(String name) {
        assertThat(Slug.fromName(name).value()).isEqualTo("group");
    }

    @Test
    void cutsLongNamesToOneHundredCharactersWithoutATrailingDash() {
        String name = "a".repeat(99) + " tail";
        Slug slug = Slug.fromName(name);
        assertThat(slug.value()).hasSizeLessThanOrEqualTo(100).doesNotEndWith("-").isEqualTo("a".repeat(99));
    }

    @Test
    void derivedSlugIsAlwaysValid() {
        String[] names = {"Über-Team", "a b", "  x  ", "Ünïcödé – dash", "A".repeat(300), "x-".repeat(100),
                "Tab\tSeparated", "ß", "Ø Øresund"};
        for (String name : names) {
            Slug slug = Slug.fromName(name);
            assertThat(slug.value()).as(name).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(100);
        }
    }
}
