package circles.adapter.in.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import circles.application.port.in.dynamic.SeedMissingDefaultGroupsUseCase;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.org.OrgRepository;
import circles.bootstrap.support.TestTokens;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Slug;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The seeding run after start-up gives orgs made before default groups existed their five, once, even when two
 * instances run it at the same moment; a second run changes nothing.
 */
@QuarkusTest
class DefaultGroupsSeedJobTest {
    private static final List<String> PRESETS = List.of("recent_logins", "no_logins", "most_active", "top_learners",
            "most_talkative");

    @Inject
    SeedMissingDefaultGroupsUseCase seedMissing;
    @Inject
    DefaultGroupsSeedJob job;
    @Inject
    OrgRepository orgs;
    @Inject
    OrgMemberRepository orgMembers;
    @Inject
    UserRepository users;

    /** An org as it was before default groups existed: made straight through the ports, without them. */
    private String legacyOrg(String admin) {
        String slug = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            Organization org = orgs.save(Organization.create("Legacy " + slug, new Slug(slug), now));
            users.ensureExist(List.of(UserId.of(admin)));
            orgMembers.save(OrgMember.join(org.id(), UserId.of(admin), OrgRole.ADMIN, MemberProfile.EMPTY, now));
            return org.id().toString();
        });
    }

    private static List<Map<String, Object>> defaultGroups(String orgId) {
        List<Map<String, Object>> items = as(TestTokens.platformAdmin()).queryParam("orgId", orgId)
                .queryParam("limit", 500).get("/v1/groups").then().statusCode(200).extract().path("items");
        return items.stream().filter(group -> group.get("preset") != null).toList();
    }

    private static List<String> presetCreations(String orgId) {
        List<Map<String, Object>> events = as(TestTokens.platformAdmin()).queryParam("limit", 500)
                .get("/v1/orgs/{orgId}/audit-events", orgId).then().statusCode(200).extract().path("items");
        return events.stream().filter(event -> "group.created".equals(event.get("action")))
                .map(event -> String.valueOf(event.get("targetId"))).toList();
    }

    @Test
    void two_instances_running_at_once_give_each_org_made_before_default_groups_its_five_exactly_once()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> legacy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            legacy.add(legacyOrg("seed-admin-" + i + "-" + suffix));
        }
        for (String orgId : legacy) {
            assertThat(defaultGroups(orgId)).isEmpty();
        }

        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<SeedMissingDefaultGroupsUseCase.Report> reports = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<SeedMissingDefaultGroupsUseCase.Report> run = () -> {
                start.await();
                return seedMissing.seedMissing();
            };
            for (Future<SeedMissingDefaultGroupsUseCase.Report> finished : instances.invokeAll(List.of(run, run))) {
                reports.add(finished.get());
            }
        } finally {
            instances.shutdown();
        }

        assertThat(reports.stream().mapToInt(SeedMissingDefaultGroupsUseCase.Report::groupsCreated).sum())
                .isGreaterThanOrEqualTo(15);
        for (String orgId : legacy) {
            List<Map<String, Object>> seeded = defaultGroups(orgId);
            assertThat(seeded).extracting(group -> group.get("preset")).containsExactlyInAnyOrderElementsOf(PRESETS);
            assertThat(seeded).allSatisfy(group -> assertThat(group).containsEntry("ownerId", "system"));
            assertThat(presetCreations(orgId)).as("default groups created in org %s", orgId)
                    .containsExactlyInAnyOrderElementsOf(
                            seeded.stream().map(group -> (String) group.get("id")).toList());
        }

        job.run();

        for (String orgId : legacy) {
            assertThat(defaultGroups(orgId)).hasSize(5);
            assertThat(presetCreations(orgId)).hasSize(5);
        }
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }
}
