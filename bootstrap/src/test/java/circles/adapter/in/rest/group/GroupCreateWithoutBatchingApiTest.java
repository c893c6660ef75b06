package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * With group commit turned off ({@code circles.groups.create-batch.max-size=1}) every create is written alone in its
 * own transaction: concurrent creates still each get their committed group, listed once, with its change event.
 */
@QuarkusTest
@TestProfile(GroupCreateWithoutBatchingApiTest.BatchingOff.class)
class GroupCreateWithoutBatchingApiTest {

    /** The service as configured with batching off. */
    public static class BatchingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("circles.groups.create-batch.max-size", "1");
        }
    }

    @Test
    void concurrent_creates_are_each_committed_alone_when_batching_is_off() throws Exception {
        TestOrg org = TestOrg.create();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            names.add(Ids.unique("Alone"));
        }
        List<Future<Response>> pending = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(6)) {
            for (String name : names) {
                pending.add(clients.submit(() -> RestApi.as(org.admin).contentType(JSON)
                        .body(Map.of("orgId", org.id, "name", name, "type", "project", "visibility", "public"))
                        .post("/v1/groups")));
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Response answer = pending.get(i).get();
            answer.then().statusCode(201);
            assertThat((String) answer.path("name")).isEqualTo(names.get(i));
            ids.add(answer.path("id"));
        }
        List<Map<String, Object>> listed = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("limit", 100)
                .get("/v1/groups").then().statusCode(200).extract().path("items");
        List<Object> listedIds = listed.stream().map(group -> group.get("id")).toList();
        List<Map<String, Object>> events = RestApi.as(org.admin).queryParam("limit", 100)
                .get("/v1/orgs/{orgId}/events", org.id).then().statusCode(200).extract().path("items");
        for (String id : ids) {
            assertThat(listedIds).containsOnlyOnce(id);
            assertThat(events).filteredOn(event -> "circles.group.created".equals(event.get("type"))
                    && id.equals(event.get("subject"))).hasSize(1);
        }
    }
}
