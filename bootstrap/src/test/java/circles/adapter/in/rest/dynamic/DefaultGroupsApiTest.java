package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.bootstrap.support.RecordingDirectoryEventConsumer.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.org.OrgRepository;
import circles.bootstrap.support.TestClock;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Slug;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dynamic-groups seed's test plan over HTTP (local and staging tests): an org admin sees the five default
 * groups; a default group's members are computed and listed; editing Most Active's threshold changes its members;
 * dynamic groups refuse content assignment; seeding a test org creates five groups; adding activity changes
 * membership accordingly. The application clock stands still at {@link #T0} and moves only when a test moves it.
 */
@QuarkusTest
class DefaultGroupsApiTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> PRESETS = List.of("recent_logins", "no_logins", "most_active", "top_learners",
            "most_talkative");
    private static final List<String> NAMES = List.of("Recent Logins", "No Logins", "Most Active", "Top Learners",
            "Most Talkative");

    @Inject
    TestClock clock;
    @Inject
    OrgRepository orgs;
    @Inject
    OrgMemberRepository orgMembers;
    @Inject
    UserRepository users;

    @BeforeEach
    void stopTheClock() {
        clock.pin(T0);
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    /** The org's groups that carry a preset, by preset, as {@code viewer} lists them. */
    private static Map<String, Map<String, Object>> defaultGroups(TestOrg org, String viewer) {
        List<Map<String, Object>> items = RestApi.as(viewer).queryParam("orgId", org.id).queryParam("limit", 500)
                .get("/v1/groups").then().statusCode(200).extract().path("items");
        Map<String, Map<String, Object>> byPreset = new LinkedHashMap<>();
        for (Map<String, Object> group : items) {
            if (group.get("preset") != null) {
                byPreset.put((String) group.get("preset"), group);
            }
        }
        return byPreset;
    }

    private static String defaultGroupId(TestOrg org, String preset) {
        return (String) defaultGroups(org, org.admin).get(preset).get("id");
    }

    private static List<String> members(TestOrg org, String groupId) {
        return RestApi.as(org.admin).queryParam("limit", 500).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().path("items.userId");
    }

    private static void refresh(TestOrg org, String groupId) {
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(200);
    }

    /** The members of each default group after refreshing it, by preset. */
    private static Map<String, List<String>> refreshedMembers(TestOrg org) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        defaultGroups(org, org.admin).forEach((preset, group) -> {
            refresh(org, (String) group.get("id"));
            members.put(preset, members(org, (String) group.get("id")));
        });
        return members;
    }

    /** Activity events, each {@code userId, type, quantity}, all at {@code at}. */
    private static void activity(TestOrg org, Instant at, Object... userTypeQuantity) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < userTypeQuantity.length; i += 3) {
            events.add(Map.of("eventId", Ids.unique("ev"), "userId", userTypeQuantity[i],
                    "type", userTypeQuantity[i + 1], "occurredAt", at.toString(), "quantity", userTypeQuantity[i + 2]));
        }
        RestApi.as(org.admin).contentType(JSON).body(events).post("/v1/orgs/{orgId}/activity-events", org.id)
                .then().statusCode(200).body("accepted", equalTo(events.size())).body("rejected", hasSize(0));
    }

    private static Map<String, Object> score(String metric, int threshold) {
        return Map.of("criterion", "activity_score", "metric", metric, "threshold", threshold, "windowDays", 30);
    }

    @Test
    void an_org_admin_sees_the_five_default_groups_of_a_new_org() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        Map<String, Map<String, Object>> seen = defaultGroups(org, org.admin);

        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(PRESETS);
        for (int i = 0; i < PRESETS.size(); i++) {
            Map<String, Object> group = seen.get(PRESETS.get(i));
            assertThat(group).containsEntry("name", NAMES.get(i)).containsEntry("kind", "dynamic")
                    .containsEntry("type", "custom").containsEntry("visibility", "private")
                    .containsEntry("refreshIntervalMinutes", 60).containsEntry("status", "active");
            assertThat(group.get("evaluation")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("status", "idle").containsEntry("lastComputedAt", T0.toString());
        }
        assertThat(seen.get("recent_logins").get("rule"))
                .isEqualTo(Map.of("criterion", "last_active_within", "days", 30));
        assertThat(seen.get("no_logins").get("rule")).isEqualTo(Map.of("criterion", "inactive_for", "days", 30));
        assertThat(seen.get("most_active").get("rule")).isEqualTo(score("most_active", 50));
        assertThat(seen.get("top_learners").get("rule")).isEqualTo(score("top_learners", 50));
        assertThat(seen.get("most_talkative").get("rule")).isEqualTo(score("most_talkative", 50));
        // Computed when the org was made, over its admin: never active; the member who joined since was
        // re-checked on arrival and is never active either.
        assertThat(eventually(Duration.ofSeconds(5), () -> Integer.valueOf(2).equals(
                defaultGroups(org, org.admin).get("no_logins").get("memberCount")))).isTrue();
        assertThat(seen.get("recent_logins")).containsEntry("memberCount", 0);

        // Private dynamic groups: a plain member of the org does not see them; other groups carry no preset.
        assertThat(defaultGroups(org, member)).isEmpty();
        RestApi.as(org.admin).get("/v1/groups/{groupId}", org.group("organization")).then().statusCode(200)
                .body("preset", equalTo(null));
    }

    @Test
    void a_default_groups_members_are_computed_and_listed() {
        TestOrg org = TestOrg.create();
        String active = org.member();
        String idle = org.member();
        activity(org, T0.minus(Duration.ofDays(3)), active, "login", 1);

        String recentLogins = defaultGroupId(org, "recent_logins");
        String noLogins = defaultGroupId(org, "no_logins");
        refresh(org, recentLogins);
        refresh(org, noLogins);

        assertThat(members(org, recentLogins)).containsExactly(active);
        assertThat(members(org, noLogins)).containsExactlyInAnyOrder(org.admin, idle);
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members", recentLogins).then().statusCode(200)
                .body("items[0].via", equalTo("dynamic"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}", noLogins).then().statusCode(200)
                .body("memberCount", equalTo(2));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}/explain", recentLogins, active)
                .then().statusCode(200).body("member", equalTo(true));
    }

    @Test
    void editing_most_actives_threshold_changes_its_members() {
        TestOrg org = TestOrg.create();
        String keen = org.member();
        String steady = org.member();
        String occasional = org.member();
        Instant at = T0.minus(Duration.ofHours(5));
        for (String type : List.of("login", "lesson_progress", "streak_day", "collection_item_added")) {
            activity(org, at, keen, type, 10, steady, type, 6, occasional, type, 2);
        }
        String mostActive = defaultGroupId(org, "most_active");
        refresh(org, mostActive);
        assertThat(members(org, mostActive)).containsExactlyInAnyOrder(keen, steady);

        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", score("most_active", 80)))
                .put("/v1/groups/{groupId}/rule", mostActive)
                .then().statusCode(200).body("rule.threshold", equalTo(80)).body("refreshIntervalMinutes", equalTo(60));
        assertThat(members(org, mostActive)).containsExactly(keen);

        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", score("most_active", 20)))
                .put("/v1/groups/{groupId}/rule", mostActive).then().statusCode(200);
        assertThat(members(org, mostActive)).containsExactlyInAnyOrder(keen, steady, occasional);
        RestApi.as(org.admin).get("/v1/groups/{groupId}", mostActive).then().statusCode(200)
                .body("preset", equalTo("most_active")).body("name", equalTo("Most Active"))
                .body("memberCount", equalTo(3));
    }

    @Test
    void default_groups_refuse_content_assignment_and_hand_edits_and_cannot_be_deleted_but_renamed() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String topLearners = defaultGroupId(org, "top_learners");

        RestApi.as(org.admin).contentType(JSON).body(Map.of("resourceType", "course", "resourceId", "course-1"))
                .post("/v1/groups/{groupId}/assignments", topLearners)
                .then().statusCode(422).body("type", endsWith("/dynamic-group-read-only"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}/assignments", topLearners).then().statusCode(200)
                .body("items", hasSize(0));
        RestApi.as(org.admin).contentType(JSON).body(List.of(Map.of("userId", member, "role", "member")))
                .post("/v1/groups/{groupId}/members", topLearners)
                .then().statusCode(422).body("type", endsWith("/dynamic-group-read-only"));

        RestApi.as(org.admin).delete("/v1/groups/{groupId}", topLearners)
                .then().statusCode(422).body("type", endsWith("/preset-group-undeletable"));
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("name", "Learning champions"))
                .patch("/v1/groups/{groupId}", topLearners)
                .then().statusCode(200).body("name", equalTo("Learning champions"))
                .body("preset", equalTo("top_learners"));
        RestApi.as(org.admin).delete("/v1/groups/{groupId}", topLearners)
                .then().statusCode(422).body("type", endsWith("/preset-group-undeletable"));

        String parent = org.group("private");
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("parentId", parent))
                .patch("/v1/groups/{groupId}", topLearners).then().statusCode(200);
        RestApi.as(org.admin).queryParam("cascade", true).delete("/v1/groups/{groupId}", parent)
                .then().statusCode(422).body("type", endsWith("/preset-group-undeletable"));
        RestApi.as(org.admin).get("/v1/groups/{groupId}", parent).then().statusCode(200);

        // Re-seeding recognises the renamed default group by its preset.
        RestApi.asPlatformAdmin().post("/v1/orgs/{orgId}/default-groups", org.id).then().statusCode(200)
                .body("created", hasSize(0))
                .body("existing.preset", equalTo(PRESETS))
                .body("existing[3].groupId", equalTo(topLearners))
                .body("existing[3].name", equalTo("Learning champions"));
    }

    @Test
    void seeding_a_test_org_creates_five_groups() {
        String slug = Ids.unique("legacy");
        String admin = Ids.user("admin");
        // An org as it was before default groups existed: made without them.
        String orgId = QuarkusTransaction.requiringNew().call(() -> {
            Organization org = orgs.save(Organization.create("Legacy " + slug, new Slug(slug), T0));
            users.ensureExist(List.of(UserId.of(admin)));
            orgMembers.save(OrgMember.join(org.id(), UserId.of(admin), OrgRole.ADMIN, MemberProfile.EMPTY, T0));
            return org.id().toString();
        });
        TestOrg org = TestOrg.existing(orgId, slug, "Legacy " + slug, admin);
        String lookalike = org.group("organization", Map.of("name", "Recent Logins"));
        assertThat(defaultGroups(org, admin)).isEmpty();

        List<Map<String, Object>> created = RestApi.as(admin).post("/v1/orgs/{orgId}/default-groups", orgId)
                .then().statusCode(200).body("existing", hasSize(0)).extract().path("created");

        assertThat(created).extracting(group -> group.get("preset")).containsExactlyElementsOf(PRESETS);
        assertThat(created).extracting(group -> group.get("name")).containsExactly("Recent Logins (2)", "No Logins",
                "Most Active", "Top Learners", "Most Talkative");
        Map<String, Map<String, Object>> seeded = defaultGroups(org, admin);
        assertThat(seeded.keySet()).containsExactlyInAnyOrderElementsOf(PRESETS);
        assertThat(seeded.get("no_logins")).containsEntry("memberCount", 1);
        RestApi.as(admin).get("/v1/groups/{groupId}", lookalike).then().statusCode(200)
                .body("preset", equalTo(null)).body("kind", equalTo("static")).body("name", equalTo("Recent Logins"));

        RestApi.as(admin).post("/v1/orgs/{orgId}/default-groups", orgId).then().statusCode(200)
                .body("created", hasSize(0))
                .body("existing.groupId", equalTo(created.stream().map(group -> group.get("groupId")).toList()));
        assertThat(defaultGroups(org, admin)).hasSize(5);
    }

    @Test
    void adding_activity_changes_membership_accordingly() {
        TestOrg org = TestOrg.create();
        String learner = org.member();
        String talker = org.member();
        String idle = org.member();
        Map<String, List<String>> before = refreshedMembers(org);
        assertThat(before.get("no_logins")).containsExactlyInAnyOrder(org.admin, learner, talker, idle);
        assertThat(before.get("recent_logins")).isEmpty();

        Instant at = T0.minus(Duration.ofHours(1));
        activity(org, at, learner, "login", 1, learner, "lesson_progress", 6, learner, "credit_earned", 3,
                talker, "conversation_started", 2, talker, "message_sent", 20);
        Map<String, List<String>> after = refreshedMembers(org);

        assertThat(after.get("recent_logins")).containsExactlyInAnyOrder(learner, talker);
        assertThat(after.get("no_logins")).containsExactlyInAnyOrder(org.admin, idle);
        assertThat(after.get("top_learners")).containsExactly(learner);
        assertThat(after.get("most_talkative")).containsExactly(talker);
        // Most Active: logins 100 and lessons 100 of the org's best, no streak days or collection items: exactly 50.
        assertThat(after.get("most_active")).containsExactly(learner);

        clock.advance(Duration.ofDays(29));
        assertThat(refreshedMembers(org).get("recent_logins")).containsExactlyInAnyOrder(learner, talker);

        clock.advance(Duration.ofDays(1));
        Map<String, List<String>> monthLater = refreshedMembers(org);
        assertThat(monthLater.get("recent_logins")).isEmpty();
        assertThat(monthLater.get("no_logins")).containsExactlyInAnyOrder(org.admin, learner, talker, idle);
        assertThat(monthLater.get("top_learners")).isEmpty();
        assertThat(monthLater.get("most_talkative")).isEmpty();
        assertThat(monthLater.get("most_active")).isEmpty();

        activity(org, T0.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(1)), idle, "login", 1);
        Map<String, List<String>> back = refreshedMembers(org);
        assertThat(back.get("recent_logins")).containsExactly(idle);
        assertThat(back.get("no_logins")).containsExactlyInAnyOrder(org.admin, learner, talker);
    }
}
