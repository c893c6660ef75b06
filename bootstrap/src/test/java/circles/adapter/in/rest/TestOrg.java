package circles.adapter.in.rest;

import static circles.adapter.in.rest.RestApi.JSON;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An org made through the API for one test, with its admin, and shortcuts to fill it. */
public final class TestOrg {
    public final String id;
    public final String slug;
    public final String name;
    public final String admin;

    private TestOrg(String id, String slug, String name, String admin) {
        this.id = id;
        this.slug = slug;
        this.name = name;
        this.admin = admin;
    }

    public static TestOrg create() {
        String slug = Ids.unique("org");
        String admin = Ids.user("admin");
        String name = "Org " + slug;
        String id = RestApi.asPlatformAdmin()
                .contentType(JSON)
                .body(Map.of("name", name, "slug", slug, "adminUserIds", List.of(admin)))
                .post("/v1/orgs")
                .then().statusCode(201)
                .extract().path("id");
        return new TestOrg(id, slug, name, admin);
    }

    /** An org made another way (e.g. straight through the ports) whose admin is {@code admin}. */
    public static TestOrg existing(String id, String slug, String name, String admin) {
        return new TestOrg(id, slug, name, admin);
    }

    /** A new user who is a member of this org with {@code role}. */
    public String member(String role) {
        String userId = Ids.user(role.replace("_", ""));
        addMember(userId, role);
        return userId;
    }

    public String member() {
        return member("member");
    }

    public void addMember(String userId, String role) {
        RestApi.as(admin)
                .contentType(JSON)
                .body(Map.of("userId", userId, "role", role))
                .post("/v1/orgs/{orgId}/members", id)
                .then().statusCode(201);
    }

    /** The id of the org's default group with this preset (e.g. {@code no_logins}), as its admin lists it. */
    public String presetGroup(String preset) {
        List<Map<String, Object>> items = RestApi.as(admin).queryParam("orgId", id).queryParam("kind", "dynamic")
                .queryParam("limit", 100).get("/v1/groups").then().statusCode(200).extract().path("items");
        return items.stream().filter(group -> preset.equals(group.get("preset"))).map(group -> (String) group.get("id"))
                .findFirst().orElseThrow(() -> new AssertionError("org " + id + " has no " + preset + " group"));
    }

    /** A static group of this org with a unique name, created by the org admin. */
    public String group(String visibility) {
        return group(visibility, Map.of());
    }

    public String group(String visibility, Map<String, Object> extra) {
        return createGroup(visibility, extra).then().statusCode(201).extract().path("id");
    }

    public Response createGroup(String visibility, Map<String, Object> extra) {
        return RestApi.as(admin).contentType(JSON).body(groupBody(visibility, extra)).post("/v1/groups");
    }

    /** A create whose body the contract refuses on purpose: only the answer is checked against the contract. */
    public Response createGroupSloppily(String visibility, Map<String, Object> extra) {
        return RestApi.sloppy(admin).contentType(JSON).body(groupBody(visibility, extra)).post("/v1/groups");
    }

    private Map<String, Object> groupBody(String visibility, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("orgId", id);
        body.put("name", Ids.unique("Group"));
        body.put("type", "project");
        body.put("visibility", visibility);
        body.putAll(extra);
        return body;
    }

    public String subgroup(String parentId, String visibility) {
        return group(visibility, Map.of("parentId", parentId));
    }

    /** Adds members to a group as the org admin; each entry is a userId and a role. */
    public void addToGroup(String groupId, String userId, String role) {
        RestApi.as(admin)
                .contentType(JSON)
                .body(List.of(Map.of("userId", userId, "role", role)))
                .post("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(201);
    }
}
