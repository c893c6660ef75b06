package circles.adapter.in.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.domain.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    @Test
    void a_nul_escape_anywhere_in_a_body_is_invalid_input_naming_where() {
        String[][] cases = {
                {"{\"name\": \"a\\u0000b\"}", "name"},
                {"{\"settings\": {\"deep\": [\"ok\", \"x\\u0000\"]}}", "settings.deep[1]"},
                {"[{\"userId\": \"u\"}, {\"userId\": \"\\u0000\"}]", "[1].userId"},
                {"{\"metadata\": {\"k\\u0000\": \"v\"}}", "metadata"},
                {"\"\\u0000\"", "body"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> JsonBodies.parse(c[0])).as(c[0])
                    .isInstanceOfSatisfying(InvalidInput.class, e -> {
                        assertThat(e.errors().getFirst().field()).isEqualTo(c[1]);
                        assertThat(e.errors().getFirst().message()).isEqualTo(NulCharacters.REFUSAL);
                    });
        }
    }

    @Test
    void other_control_characters_and_unicode_pass_through() {
        assertThat(JsonBodies.parse("{\"name\": \"tab\\there \\u00e9\\u4e2d \\ud83d\\ude00\"}").path("name").asText())
                .isEqualTo("tab\there é中 😀");
    }
}
