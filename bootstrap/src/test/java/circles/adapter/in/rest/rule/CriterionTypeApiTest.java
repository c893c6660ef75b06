package circles.adapter.in.rest.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CriterionTypeApiTest {

    @Test
    void every_signed_in_caller_lists_the_criterion_types_with_their_schemas() {
        TestOrg org = TestOrg.create();

        List<Map<String, Object>> items = RestApi.as(org.member()).get("/v1/criterion-types")
                .then().statusCode(200)
                .body("items.key", hasItems("attribute", "reports_to", "member_of", "all_members"))
                .body("items.find { it.key == 'reports_to' }.schema.required", equalTo(List.of("managerId")))
                .extract().path("items");

        assertThat(items).allSatisfy(type -> {
            assertThat(type).containsKeys("key", "title", "description", "schema");
            assertThat(type.get("schema")).isInstanceOf(Map.class);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> attribute = (Map<String, Object>) items.stream()
                .filter(type -> type.get("key").equals("attribute")).findFirst().orElseThrow().get("schema");
        assertThat(attribute.toString()).contains("is_under", "custom");
    }

    @Test
    void anonymous_callers_are_refused() {
        RestApi.anonymous().get("/v1/criterion-types").then().statusCode(401);
    }
}
