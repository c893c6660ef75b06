package circles.adapter.in.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import circles.application.port.in.group.ExpireGroupsUseCase;
import circles.bootstrap.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The expiry job archives groups past {@code expiresAt} and ends memberships past {@code validUntil} — once,
 * even when two instances run it at the same moment.
 */
@QuarkusTest
class ExpiryJobTest {
    @Inject
    ExpireGroupsUseCase expireGroups;

    @Test
    void two_instances_running_at_once_archive_an_expired_group_and_end_a_membership_exactly_once() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String admin = "expiry-admin-" + suffix;
        String member = "expiry-member-" + suffix;
        String platform = TestTokens.platformAdmin();
        String orgId = as(platform).body(Map.of("name", "Expiry " + suffix, "slug", "expiry-" + suffix,
                "adminUserIds", List.of(admin))).post("/v1/orgs").then().statusCode(201).extract().path("id");
        String adminToken = TestTokens.forUser(admin);
        as(adminToken).body(Map.of("userId", member, "role", "member"))
                .post("/v1/orgs/{orgId}/members", orgId).then().statusCode(201);
        Instant soon = Instant.now().plus(2, ChronoUnit.SECONDS);
        String expiring = as(adminToken).body(Map.of("orgId", orgId, "name", "Expiring " + suffix,
                        "type", "project", "visibility", "organization", "expiresAt", soon.toString()))
                .post("/v1/groups").then().statusCode(201).extract().path("id");
        String lasting = as(adminToken).body(Map.of("orgId", orgId, "name", "Lasting " + suffix,
                        "type", "project", "visibility", "organization"))
                .post("/v1/groups").then().statusCode(201).extract().path("id");
        as(adminToken).body(List.of(Map.of("userId", member, "role", "member", "validUntil", soon.toString())))
                .post("/v1/groups/{groupId}/members", lasting).then().statusCode(201);

        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis()) + 300);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Callable<ExpireGroupsUseCase.Report> run = expireGroups::expire;
            List<Future<ExpireGroupsUseCase.Report>> runs = instances.invokeAll(List.of(run, run));
            for (Future<ExpireGroupsUseCase.Report> finished : runs) {
                finished.get();
            }
        } finally {
            instances.shutdown();
        }

        as(adminToken).get("/v1/groups/{groupId}", expiring).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("archived"));
        as(adminToken).get("/v1/groups/{groupId}", lasting).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("active"));
        as(adminToken).get("/v1/groups/{groupId}/members/{userId}", lasting, member).then().statusCode(404);
        List<String> actions = as(adminToken).queryParam("limit", 500)
                .get("/v1/orgs/{orgId}/audit-events", orgId).then().statusCode(200)
                .extract().jsonPath().getList("items.action");
        assertThat(actions).filteredOn("group.expired"::equals).hasSize(1);
        assertThat(actions).filteredOn("group_member.expired"::equals).hasSize(1);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }
}
