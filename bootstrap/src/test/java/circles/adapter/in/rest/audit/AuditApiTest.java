package circles.adapter.in.rest.audit;

import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditApiTest {

    @Test
    void changes_leave_audit_events_that_org_admins_filter() {
        Instant start = Instant.now().minusSeconds(1);
        TestOrg org = TestOrg.create();
        String member = org.member();
        String group = org.group("public");
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("description", "Audited"))
                .patch("/v1/groups/{groupId}", group).then().statusCode(200);
        RestApi.as(member).post("/v1/groups/{groupId}/join", group).then().statusCode(201);

        List<String> actions = RestApi.as(org.admin).get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200).extract().path("items.action");
        assertThat(actions).contains("org.created", "org_member.added", "group.created", "group.updated",
                "group_member.joined");

        RestApi.as(org.admin).queryParam("targetId", group).get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200)
                .body("items.targetId", everyItem(equalTo(group)))
                .body("items.action", equalTo(List.of("group.updated", "group.created")));
        RestApi.as(org.admin).queryParam("actorId", member).queryParam("action", "group_member.joined")
                .get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200)
                .body("items.targetId", equalTo(List.of(member)))
                .body("items[0].summary.groupId", equalTo(group));
        RestApi.as(org.admin).queryParam("from", Instant.now().plusSeconds(3600).toString())
                .get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200).body("items.size()", equalTo(0));
        RestApi.as(org.admin).queryParam("from", start.toString()).queryParam("action", "org.created")
                .get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void plain_members_may_not_read_the_audit_trail() {
        TestOrg org = TestOrg.create();

        RestApi.as(org.member()).get("/v1/orgs/{orgId}/audit-events", org.id).then().statusCode(403);
    }
}
