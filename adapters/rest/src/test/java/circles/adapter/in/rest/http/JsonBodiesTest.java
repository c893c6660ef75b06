package circles.adapter.in.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.RuleViolation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void the_request_hash_ignores_the_order_of_members_but_not_the_path() {
        String a = JsonBodies.requestHash("POST", "/v1/groups", JsonBodies.parse("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}}"));
        String b = JsonBodies.requestHash("POST", "/v1/groups", JsonBodies.parse("{\"b\": {\"d\": 3, \"c\": 2}, \"a\": 1}"));
        String elsewhere = JsonBodies.requestHash("POST", "/v1/orgs", JsonBodies.parse("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}}"));

        assertThat(a).isEqualTo(b).isNotEqualTo(elsewhere);
    }

    @Test
    void duplicate_members_trailing_data_and_empty_bodies_are_malformed() {
        for (String body : new String[] {"{\"a\": 1, \"a\": 2}", "{} {}", "", "  ", "{\"a\": "}) {
            assertThatThrownBy(() -> JsonBodies.parse(body)).as(body)
                    .isInstanceOfSatisfying(HttpProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
        }
    }

    @Test
    void a_wrong_json_type_is_invalid_input_naming_the_nested_field() {
        BodyObject body = JsonBodies.object("{\"settings\": {\"requireApproval\": \"yes\"}}");

        assertThatThrownBy(() -> body.object("settings").bool("requireApproval"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("settings.requireApproval"));
    }

    @Test
    void an_unknown_enumeration_value_breaks_a_rule() {
        BodyObject body = JsonBodies.object("{\"role\": \"Admin\"}");

        assertThatThrownBy(() -> body.enumValue("role", Color.class)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void a_patch_member_is_absent_null_or_a_value() {
        BodyObject body = JsonBodies.object("{\"cleared\": null, \"set\": \"x\"}");

        assertThat(body.patch("absent", body::text)).isNull();
        assertThat(body.patch("cleared", body::text)).isEqualTo(Optional.empty());
        assertThat(body.patch("set", body::text)).contains("x");
    }

    enum Color { RED, DARK_BLUE }
}
