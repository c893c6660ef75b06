package circles.adapter.in.rest.rule;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The size bound of {@code regex} patterns over HTTP: a pattern whose compiled program would be huge is refused with
 * 422 {@code regex-too-complex} at once, wherever a rule comes in, and stores nothing; a rule stored before the bound
 * existed fails its evaluation with a clear {@code lastError} instead of compiling, and no answer is a 5xx.
 */
@QuarkusTest
class RegexBoundApiTest {
    /** 23 characters; compiled, a billion instructions (the heap runs out after most of a minute). */
    static final String HEAP_EATER = "((a{1000}){1000}){1000}";
    /** Two million instructions, each stepped through for every character of every value: seconds per evaluation. */
    static final String SLOW_MATCHER = "(.{0,1000}){1000}z";
    /** Generous for a shared build machine; the refusals take milliseconds, the unbounded compile most of a minute. */
    static final Duration QUICKLY = Duration.ofSeconds(3);

    @Inject
    DynamicGroupDefinitions definitions;

    private static Map<String, Object> regex(String field, String pattern) {
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("criterion", "attribute");
        leaf.put("field", field);
        leaf.put("operator", "regex");
        leaf.put("value", pattern);
        return leaf;
    }

    private static Map<String, Object> department(String value) {
        return Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", value);
    }

    private static Response timed(Supplier<Response> call) {
        long started = System.nanoTime();
        Response response = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        return response;
    }

    private static String memberIn(TestOrg org, String department, String jobTitle) {
        String userId = Ids.user("rx");
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department, "jobTitle", jobTitle))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    @Test
    void a_preview_with_a_regex_whose_program_would_be_huge_is_refused_quickly_with_a_problem() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend", "aaaa");
        for (String pattern : List.of(HEAP_EATER, SLOW_MATCHER)) {
            timed(() -> RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", regex("jobTitle", pattern)))
                    .post("/v1/orgs/{orgId}/rules/preview", org.id))
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/problems/regex-too-complex"))
                    .body("title", equalTo("Regex too complex"))
                    .body("detail", startsWith("regex too complex: /rule/value "))
                    .body("errors[0].field", equalTo("/rule/value"));
        }
        timed(() -> RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("all", List.of(department("backend"), regex("email", SLOW_MATCHER)))))
                .post("/v1/orgs/{orgId}/rules/preview", org.id))
                .then().statusCode(422)
                .body("type", endsWith("/problems/regex-too-complex"))
                .body("errors[0].field", equalTo("/rule/all/1/value"));
        // The same org previews an everyday pattern as before.
        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", regex("jobTitle", "^a{2,8}$")))
                .post("/v1/orgs/{orgId}/rules/preview", org.id)
                .then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void a_dynamic_group_with_such_a_regex_is_refused_and_nothing_is_stored() {
        TestOrg org = TestOrg.create();
        String name = Ids.unique("Hostile");
        for (String pattern : List.of(HEAP_EATER, SLOW_MATCHER)) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("name", name);
            extra.put("kind", "dynamic");
            extra.put("type", "custom");
            extra.put("rule", regex("jobTitle", pattern));
            timed(() -> org.createGroup("organization", extra))
                    .then().statusCode(422)
                    .body("type", endsWith("/problems/regex-too-complex"))
                    .body("errors[0].field", equalTo("/value"));
        }
        RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", name).get("/v1/groups")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void replacing_a_rule_with_such_a_regex_is_refused_and_the_rule_stays() {
        TestOrg org = TestOrg.create();
        memberIn(org, "backend", "engineer");
        String groupId = org.group("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", department("backend")));

        timed(() -> RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("not", regex("jobTitle", HEAP_EATER))))
                .put("/v1/groups/{groupId}/rule", groupId))
                .then().statusCode(422)
                .body("type", endsWith("/problems/regex-too-complex"))
                .body("errors[0].field", equalTo("/not/value"));

        RestApi.as(org.admin).get("/v1/groups/{groupId}/rule", groupId).then().statusCode(200)
                .body("rule.value", equalTo("backend"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}", groupId).then().statusCode(200)
                .body("memberCount", equalTo(1));
    }

    @Test
    void a_stored_rule_over_the_bound_fails_its_refresh_with_a_clear_last_error_and_never_a_5xx() {
        TestOrg org = TestOrg.create();
        String bob = memberIn(org, "backend", "aaaa");
        String groupId = org.group("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", department("backend")));
        // As if the rule had been saved before the bound existed: written through the port, past validation.
        QuarkusTransaction.requiringNew().run(() -> definitions.saveRule(new GroupId(UUID.fromString(groupId)),
                new OrgId(UUID.fromString(org.id)), storedRegex(SLOW_MATCHER)));

        String detail = timed(() -> RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId))
                .then().statusCode(422)
                .body("type", endsWith("/problems/regex-too-complex"))
                .body("errors[0].field", equalTo("/value"))
                .extract().path("detail");
        assertThat(detail).startsWith("regex too complex: /value the regular expression would compile to");

        RestApi.as(org.admin).get("/v1/groups/{groupId}/evaluation", groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("failed"))
                .body("evaluation.lastError", equalTo(detail))
                .body("memberCount", equalTo(1));
        RestApi.as(org.admin).queryParam("limit", 10).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).body("items.userId", equalTo(List.of(bob)));
        // Every other reader of the stored rule refuses the same way, and the rule is still shown as it was saved.
        timed(() -> RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, bob))
                .then().statusCode(422).body("type", endsWith("/problems/regex-too-complex"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/rule", groupId).then().statusCode(200)
                .body("rule.value", equalTo(SLOW_MATCHER));
        // A preview for the group judges the rule sent, not the stored one: the stored pattern is refused, a
        // bounded one shows what saving it would change.
        timed(() -> RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("rule", regex("jobTitle", SLOW_MATCHER), "groupId", groupId))
                .post("/v1/orgs/{orgId}/rules/preview", org.id))
                .then().statusCode(422).body("type", endsWith("/problems/regex-too-complex"));
        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", regex("jobTitle", "^a+$"), "groupId", groupId))
                .post("/v1/orgs/{orgId}/rules/preview", org.id)
                .then().statusCode(200).body("count", equalTo(1)).body("unchanged", equalTo(1));

        // A rule within the bound replaces it, and the group evaluates again.
        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", regex("jobTitle", "^a+$")))
                .put("/v1/groups/{groupId}/rule", groupId).then().statusCode(200);
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(200);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/evaluation", groupId).then().statusCode(200)
                .body("evaluation.status", equalTo("idle"))
                .body("memberCount", equalTo(1));
    }

    /** An attribute criterion as a rule stored before the bound would hold it: its config only, never compiled. */
    private static Rule storedRegex(String pattern) {
        return new Rule.Leaf(new Criterion() {
            @Override
            public String type() {
                return "attribute";
            }

            @Override
            public Map<String, Object> config() {
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("field", "jobTitle");
                config.put("operator", "regex");
                config.put("value", pattern);
                config.put("caseSensitive", false);
                return config;
            }

            @Override
            public Outcome matches(Candidate member, EvaluationContext context) {
                throw new UnsupportedOperationException("a stored rule is judged only after it is read back");
            }
        });
    }
}
