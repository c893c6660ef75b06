package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shortcuts for tests of dynamic groups over HTTP: members with a department, and groups ruled by department. */
public final class DynamicTestGroups {
    private DynamicTestGroups() {
    }

    public static Map<String, Object> department(String value) {
        return Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", value);
    }

    /** A new plain member of the org working in {@code department}. */
    public static String memberIn(TestOrg org, String department) {
        String userId = Ids.user("dyn");
        RestApi.as(org.admin).contentType(JSON)
                .body(Map.of("userId", userId, "role", "member", "department", department))
                .post("/v1/orgs/{orgId}/members", org.id)
                .then().statusCode(201);
        return userId;
    }

    public static void moveTo(TestOrg org, String userId, String department) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("department", department))
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, userId)
                .then().statusCode(200);
    }

    /** A dynamic group of the org whose members are those of {@code department}; {@code extra} adds fields. */
    public static String ruledBy(TestOrg org, String department, String visibility, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("kind", "dynamic");
        body.put("type", "custom");
        body.put("rule", department(department));
        return org.group(visibility, body);
    }

    public static String ruledBy(TestOrg org, String department) {
        return ruledBy(org, department, "organization", Map.of());
    }

    public static void refresh(TestOrg org, String groupId) {
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(200);
    }

    /** The user ids of a list page's items. */
    public static List<String> userIds(io.restassured.response.Response page) {
        return page.then().statusCode(200).extract().path("items.userId");
    }
}
