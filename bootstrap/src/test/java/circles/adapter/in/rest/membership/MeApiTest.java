package circles.adapter.in.rest.membership;

import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MeApiTest {

    @Test
    void me_tells_who_the_caller_is_and_their_orgs() {
        TestOrg org = TestOrg.create();
        String member = org.member("it_admin");

        RestApi.as(member).get("/v1/me").then().statusCode(200)
                .body("userId", equalTo(member))
                .body("email", equalTo(member + "@example.test"))
                .body("platformAdmin", equalTo(false))
                .body("orgs.orgId", equalTo(List.of(org.id)))
                .body("orgs[0].slug", equalTo(org.slug))
                .body("orgs[0].role", equalTo("it_admin"));
        RestApi.asPlatformAdmin().get("/v1/me").then().statusCode(200).body("platformAdmin", equalTo(true));
    }

    @Test
    void my_groups_are_the_direct_ones_and_those_above_them() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String parent = org.group("organization");
        String child = org.subgroup(parent, "organization");
        org.addToGroup(child, member, "moderator");
        String standalone = RestApi.as(member).contentType(RestApi.JSON)
                .body(Map.of("name", Ids.unique("Book Club"), "type", "standalone", "visibility", "private"))
                .post("/v1/groups").then().statusCode(201).extract().path("id");

        // Never active, the member is also in the org's default group No Logins (re-checked on arrival).
        String noLogins = org.presetGroup("no_logins");
        assertThat(eventually(Duration.ofSeconds(5), () -> RestApi.as(member).get("/v1/me/groups")
                .<List<String>>path("items.group.id").contains(noLogins))).isTrue();
        Response mine = RestApi.as(member).get("/v1/me/groups");

        mine.then().statusCode(200);
        Map<String, Map<String, Object>> byGroup = new HashMap<>();
        List<Map<String, Object>> items = mine.path("items");
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) item.get("group");
            byGroup.put((String) group.get("id"), item);
        }
        assertThat(byGroup).containsOnlyKeys(parent, child, standalone, noLogins);
        assertThat(byGroup.get(noLogins)).containsEntry("direct", true).containsEntry("via", "dynamic")
                .containsEntry("viaKind", "dynamic").containsEntry("viaGroupId", null);
        assertThat(byGroup.get(child)).containsEntry("direct", true).containsEntry("role", "moderator")
                .containsEntry("via", "direct").containsEntry("viaKind", "direct").containsEntry("viaGroupId", null);
        assertThat(byGroup.get(parent)).containsEntry("direct", false).containsEntry("role", null)
                .containsEntry("via", "subgroup:" + child).containsEntry("viaKind", "subgroup")
                .containsEntry("viaGroupId", child);
        assertThat(byGroup.get(standalone)).containsEntry("role", "owner");

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/groups", org.id, member)
                .then().statusCode(200).body("items.group.id.size()", equalTo(3));
    }
}
