package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.hamcrest.Matchers.equalTo;

/** Extra permissions are taken away as plainly as they are given. */
@QuarkusTest
class ExtraPermissionsApiTest {

    private static final String MEMBER = "/v1/groups/{groupId}/members/{userId}";

    @Test
    void a_group_admin_takes_every_extra_permission_away_from_a_member() {
        TestOrg org = TestOrg.create();
        String groupAdmin = org.member();
        String member = org.member();
        String group = org.group("organization");
        org.addToGroup(group, groupAdmin, "admin");
        RestApi.as(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", member, "permissions", List.of("send_notifications"))))
                .post("/v1/groups/{groupId}/members", group).then().statusCode(201);

        RestApi.as(groupAdmin).contentType(MERGE_PATCH).body(Map.of("permissions", List.of()))
                .patch(MEMBER, group, member)
                .then().statusCode(200).body("permissions", equalTo(List.of()));

        RestApi.as(org.admin).get(MEMBER, group, member).then().statusCode(200)
                .body("permissions", equalTo(List.of()));
    }
}
