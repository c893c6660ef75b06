package circles.adapter.in.rest.rule;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.org.OrgId;
import circles.domain.rule.RuleParser;
import circles.extension.visitedunit.JdbcUnitVisits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A criterion type contributed by another module (examples/criterion-visited-unit, on the test class path only) is
 * discovered at start-up, listed, validated against its schema and evaluated over its own data source, exactly like
 * a built-in type.
 */
@QuarkusTest
class VisitedUnitCriterionApiTest {
    private static final String UNIT = "block-v1:edX+DemoX+2026+type@vertical+block@intro";

    /** The module's data source, as whatever consumes the learning platform's visit events would feed it. */
    @Inject
    JdbcUnitVisits visits;
    @Inject
    RuleMemberQuery ruleMemberQuery;
    @Inject
    CriterionRegistry registry;

    private static Map<String, Object> visited(String unitId) {
        return Map.of("criterion", "visited_unit", "unitId", unitId);
    }

    private static Map<String, Object> visitedWithin(String unitId, int days) {
        return Map.of("criterion", "visited_unit", "unitId", unitId, "withinDays", days);
    }

    private static Map<String, Object> department(String value) {
        return Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", value);
    }

    private static String memberIn(TestOrg org, String department) {
        String userId = Ids.user("learner");
        RestApi.withExtensionCriteria(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    private static Response createDynamic(TestOrg org, Object rule) {
        return RestApi.withExtensionCriteria(org.admin).contentType(JSON).body(Map.of("orgId", org.id,
                "name", Ids.unique("Group"), "type", "custom", "visibility", "organization", "kind", "dynamic",
                "rule", rule)).post("/v1/groups");
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.withExtensionCriteria(org.admin).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().path("items.userId");
    }

    private void visit(TestOrg org, String userId, String unitId, Instant at) {
        visits.record(new OrgId(UUID.fromString(org.id)), UserId.of(userId), unitId, at);
    }

    @Test
    void the_contributed_type_is_listed_after_the_built_ins_with_its_schema() {
        TestOrg org = TestOrg.create();

        List<String> keys = RestApi.withExtensionCriteria(org.member()).get("/v1/criterion-types")
                .then().statusCode(200)
                .body("items.find { it.key == 'visited_unit' }.title", equalTo("Visited unit"))
                .body("items.find { it.key == 'visited_unit' }.schema.required", equalTo(List.of("unitId")))
                .body("items.find { it.key == 'visited_unit' }.schema.additionalProperties", equalTo(false))
                .body("items.find { it.key == 'visited_unit' }.schema.properties.unitId.maxLength", equalTo(200))
                .body("items.find { it.key == 'visited_unit' }.schema.properties.withinDays.type",
                        equalTo("integer"))
                .body("items.find { it.key == 'visited_unit' }.schema.properties.withinDays.maximum",
                        equalTo(3650))
                .extract().path("items.key");

        assertThat(keys).startsWith("attribute", "reports_to", "member_of", "all_members").contains("visited_unit");
    }

    @Test
    void an_invalid_configuration_is_refused_with_a_pointer_to_it_and_changes_nothing() {
        TestOrg org = TestOrg.create();
        // The org's default groups, which it was created with.
        List<String> groupsBefore = RestApi.withExtensionCriteria(org.admin).queryParam("orgId", org.id).get("/v1/groups")
                .then().statusCode(200).extract().path("items.id");

        createDynamic(org, Map.of("criterion", "visited_unit")).then().statusCode(422)
                .body("type", endsWith("/problems/rule-invalid"))
                .body("errors.field", equalTo(List.of("/unitId")));
        createDynamic(org, Map.of("all", List.of(department("backend"),
                Map.of("criterion", "visited_unit", "unitId", 42)))).then().statusCode(422)
                .body("errors.field", equalTo(List.of("/all/1/unitId")));
        createDynamic(org, Map.of("criterion", "visited_unit", "unitId", UNIT, "withinDays", "7"))
                .then().statusCode(422).body("errors.field", equalTo(List.of("/withinDays")));
        createDynamic(org, Map.of("criterion", "visited_unit", "unitId", UNIT, "withinDays", 0))
                .then().statusCode(422).body("errors.field", equalTo(List.of("/withinDays")));
        createDynamic(org, Map.of("criterion", "visited_unit", "unitId", UNIT, "unit", "x"))
                .then().statusCode(422).body("errors.field", equalTo(List.of("/unit")));
        createDynamic(org, visited("   ")).then().statusCode(422).body("errors.field", equalTo(List.of("/unitId")));
        RestApi.withExtensionCriteria(org.admin).queryParam("orgId", org.id).get("/v1/groups").then().statusCode(200)
                .body("items.id", equalTo(groupsBefore));

        String groupId = createDynamic(org, visited(UNIT)).then().statusCode(201).extract().path("id");
        RestApi.withExtensionCriteria(org.admin).contentType(JSON)
                .body(Map.of("rule", Map.of("any", List.of(visited(UNIT), Map.of("criterion", "visited_unit")))))
                .put("/v1/groups/{groupId}/rule", groupId)
                .then().statusCode(422).body("errors.field", equalTo(List.of("/any/1/unitId")));
        RestApi.withExtensionCriteria(org.admin).get("/v1/groups/{groupId}/rule", groupId).then().statusCode(200)
                .body("rule", equalTo(visited(UNIT)));
    }

    @Test
    void a_dynamic_group_holds_exactly_those_who_visited_after_a_refresh_alone_and_with_an_attribute() {
        TestOrg org = TestOrg.create();
        TestOrg otherOrg = TestOrg.create();
        String ann = memberIn(org, "backend");
        String bob = memberIn(org, "backend");
        String cat = memberIn(org, "sales");
        String dan = memberIn(org, "backend");
        String eve = memberIn(org, "backend");
        String fay = memberIn(org, "backend");
        otherOrg.addMember(fay, "member");

        String visitedGroup = createDynamic(org, visited(UNIT)).then().statusCode(201)
                .body("memberCount", equalTo(0)).extract().path("id");
        String recentBackend = createDynamic(org, Map.of("all", List.of(visitedWithin(UNIT, 30),
                department("backend")))).then().statusCode(201).body("memberCount", equalTo(0)).extract().path("id");

        Instant now = Instant.now();
        visit(org, ann, UNIT, now.minus(Duration.ofDays(1)));
        visit(org, bob, UNIT, now.minus(Duration.ofDays(100)));
        visit(org, cat, UNIT, now.minus(Duration.ofDays(2)));
        visit(org, dan, UNIT, now);
        visit(org, eve, UNIT + "-other", now);
        visit(otherOrg, fay, UNIT, now);
        RestApi.withExtensionCriteria(org.admin).contentType(MERGE_PATCH).body(Map.of("status", "suspended"))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, dan)
                .then().statusCode(200);

        // Dan's suspension may already have re-evaluated the groups (an extension's criterion is assumed to read
        // more than the member's own row); whichever wrote it, after the refresh the members are these.
        RestApi.withExtensionCriteria(org.admin).post("/v1/groups/{groupId}/refresh", visitedGroup)
                .then().statusCode(200).body("memberCount", equalTo(3));
        assertThat(members(org, visitedGroup)).containsExactlyInAnyOrder(ann, bob, cat);
        RestApi.withExtensionCriteria(org.admin).post("/v1/groups/{groupId}/refresh", recentBackend)
                .then().statusCode(200).body("memberCount", equalTo(1));
        assertThat(members(org, recentBackend)).containsExactly(ann);

        visit(org, bob, UNIT, now);
        RestApi.withExtensionCriteria(org.admin).post("/v1/groups/{groupId}/refresh", recentBackend)
                .then().statusCode(200).body("added", equalTo(1)).body("removed", equalTo(0));
        assertThat(members(org, recentBackend)).containsExactlyInAnyOrder(ann, bob);

        // A group created now is evaluated at once over the same data; fay's visit was in the other org.
        String notVisited = createDynamic(org, Map.of("not", visited(UNIT))).then().statusCode(201)
                .body("memberCount", equalTo(3)).extract().path("id");
        assertThat(members(org, notVisited)).containsExactlyInAnyOrder(org.admin, eve, fay);
    }

    @Test
    void explain_gives_the_criterions_own_reason() {
        TestOrg org = TestOrg.create();
        String ann = memberIn(org, "backend");
        String bob = memberIn(org, "backend");
        String eve = memberIn(org, "backend");
        Instant annVisit = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MICROS);
        Instant bobVisit = Instant.now().minus(Duration.ofDays(45));
        visit(org, ann, UNIT, annVisit);
        visit(org, bob, UNIT, bobVisit);
        String groupId = createDynamic(org, Map.of("all", List.of(visitedWithin(UNIT, 30), department("backend"))))
                .then().statusCode(201).body("memberCount", equalTo(1)).extract().path("id");

        RestApi.withExtensionCriteria(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, ann)
                .then().statusCode(200)
                .body("member", equalTo(true))
                .body("criteria[1].path", equalTo("/all/0"))
                .body("criteria[1].criterion", equalTo("visited_unit"))
                .body("criteria[1].matched", equalTo(true))
                .body("criteria[1].detail", equalTo("visited unit " + UNIT + " on " + day(annVisit)
                        + ", within the last 30 days"));
        RestApi.withExtensionCriteria(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, bob)
                .then().statusCode(200)
                .body("member", equalTo(false))
                .body("criteria[1].matched", equalTo(false))
                .body("criteria[1].detail", equalTo("last visited unit " + UNIT + " on " + day(bobVisit)
                        + ", more than 30 days ago"))
                .body("criteria[2].criterion", equalTo("attribute"))
                .body("criteria[2].matched", equalTo(true));
        RestApi.withExtensionCriteria(eve).get("/v1/groups/{groupId}/members/{userId}/explain", groupId, eve)
                .then().statusCode(200)
                .body("member", equalTo(false))
                .body("criteria.detail", hasItem("never visited unit " + UNIT));
    }

    @Test
    void rules_with_the_contributed_type_stay_on_the_in_memory_path() {
        RuleParser parser = new RuleParser(registry);

        assertThat(ruleMemberQuery.supports(parser.parse(visited(UNIT)))).isFalse();
        assertThat(ruleMemberQuery.supports(parser.parse(Map.of("any", List.of(department("backend"),
                visitedWithin(UNIT, 7)))))).isFalse();
        assertThat(ruleMemberQuery.supports(parser.parse(department("backend")))).isTrue();
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
