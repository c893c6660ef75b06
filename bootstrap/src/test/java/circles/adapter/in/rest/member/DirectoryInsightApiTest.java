package circles.adapter.in.rest.member;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.shared.TenantScope;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The org chart and the data-quality report, over members imported through the API. */
@QuarkusTest
class DirectoryInsightApiTest {
    @Inject
    MasterDataRepository masterData;
    @Inject
    TenantScope tenant;

    private static void importMembers(TestOrg org, List<Map<String, String>> rows) {
        RestApi.as(org.admin).contentType(JSON).body(rows).post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(200).body("failed", equalTo(0));
    }

    /** Master data has its own API; here it is stored directly, as only its presence matters. */
    private MasterDataNode department(TestOrg org, String key, String name, MasterDataNode parent, String manager) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OrgId orgId = new OrgId(UUID.fromString(org.id));
            tenant.enter(orgId);
            return masterData.save(MasterDataNode.create(orgId, MasterDataKind.DEPARTMENT, new MasterDataKey(key),
                    name, parent, manager == null ? null : new UserId(manager), Instant.now()));
        });
    }

    private static JsonPath chart(TestOrg org, String caller, String query) {
        return RestApi.as(caller).get("/v1/orgs/{orgId}/org-chart" + query, org.id)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void the_reporting_view_walks_from_managers_to_their_reports() {
        TestOrg org = TestOrg.create();
        String ceo = Ids.user("ceo");
        String vp = Ids.user("vp");
        String other = Ids.user("vq");
        importMembers(org, List.of(
                Map.of("userId", ceo, "displayName", "Chief", "jobTitle", "ceo"),
                Map.of("userId", vp, "managerId", ceo, "department", "engineering"),
                Map.of("userId", other, "managerId", ceo),
                Map.of("userId", vp + "-a", "managerId", vp),
                Map.of("userId", vp + "-b", "managerId", vp),
                Map.of("userId", vp + "-c", "managerId", vp)));
        String member = org.member();

        JsonPath top = chart(org, member, "?view=reporting&depth=1");
        assertThat(top.getList("items.id", String.class)).contains(ceo, org.admin).doesNotContain(vp);
        assertThat(top.getList("items.children.flatten()")).isEmpty();

        JsonPath fromCeo = chart(org, member, "?view=reporting&root=" + ceo);
        assertThat(fromCeo.getString("root.id")).isEqualTo(ceo);
        assertThat(fromCeo.getString("root.jobTitle")).isEqualTo("ceo");
        assertThat(fromCeo.getList("items.id", String.class)).containsExactly(vp, other);
        assertThat(fromCeo.getList("items[0].children.id", String.class))
                .containsExactly(vp + "-a", vp + "-b", vp + "-c");
        assertThat(fromCeo.getLong("items[0].childCount")).isEqualTo(3);
        assertThat(fromCeo.getString("items[0].department")).isEqualTo("engineering");

        JsonPath narrow = chart(org, member, "?view=reporting&root=" + ceo + "&limit=1");
        assertThat(narrow.getList("items.id", String.class)).containsExactly(vp);
        assertThat(narrow.getList("items[0].children.id", String.class)).containsExactly(vp + "-a");
        String more = narrow.getString("items[0].childrenCursor");
        assertThat(more).isNotNull();
        JsonPath rest = chart(org, member, "?view=reporting&depth=1&limit=5&root=" + vp + "&cursor=" + more);
        assertThat(rest.getList("items.id", String.class)).containsExactly(vp + "-b", vp + "-c");
        JsonPath next = chart(org, member, "?view=reporting&root=" + ceo + "&limit=1&cursor="
                + narrow.getString("nextCursor"));
        assertThat(next.getList("items.id", String.class)).containsExactly(other);
        assertThat(next.getString("nextCursor")).isNull();
    }

    @Test
    void the_department_view_is_the_department_tree_with_members_and_managers() {
        TestOrg org = TestOrg.create();
        String head = Ids.user("head");
        importMembers(org, List.of(Map.of("userId", head, "displayName", "Head of Eng", "department", "eng"),
                Map.of("userId", Ids.user("dev"), "department", "backend"),
                Map.of("userId", Ids.user("dev"), "department", "backend")));
        MasterDataNode eng = department(org, "eng", "Engineering", null, head);
        department(org, "backend", "Backend", eng, null);
        department(org, "sales", "Sales", null, null);

        JsonPath chart = chart(org, org.admin, "");

        assertThat(chart.getString("view")).isEqualTo("department");
        assertThat(chart.getList("items.id", String.class)).containsExactly("eng", "sales");
        assertThat(chart.getString("items[0].manager.displayName")).isEqualTo("Head of Eng");
        assertThat(chart.getLong("items[0].memberCount")).isEqualTo(1);
        assertThat(chart.getLong("items[0].childCount")).isEqualTo(1);
        assertThat(chart.getString("items[0].children[0].id")).isEqualTo("backend");
        assertThat(chart.getLong("items[0].children[0].memberCount")).isEqualTo(2);
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/org-chart?root=nowhere", org.id).then().statusCode(404);
    }

    @Test
    void the_data_quality_report_finds_unknown_values_with_suggestions_and_broken_reporting_lines() {
        TestOrg org = TestOrg.create();
        String boss = Ids.user("boss");
        String typo = Ids.user("typo");
        importMembers(org, List.of(
                Map.of("userId", boss, "status", "suspended", "department", "engineering"),
                Map.of("userId", typo, "department", "Engneering", "managerId", boss),
                Map.of("userId", Ids.user("typo2"), "department", "Engneering", "managerId", boss),
                Map.of("userId", Ids.user("odd"), "department", "zzz-unheard-of", "managerId", boss)));
        MasterDataNode engineering = department(org, "engineering", "Engineering", null, null);
        department(org, "legal", "Legal", null, null);
        department(org, "platform", "Platform", engineering, null);

        JsonPath report = RestApi.as(org.admin).get("/v1/orgs/{orgId}/data-quality", org.id)
                .then().statusCode(200).extract().jsonPath();

        Map<String, Object> unknown = finding(report, "unknown_department");
        assertThat(unknown.get("count")).isEqualTo(3);
        String samples = "findings.find { it.finding == 'unknown_department' }.samples";
        assertThat(report.getList(samples + ".id", String.class)).containsExactly("Engneering", "zzz-unheard-of");
        assertThat(report.getInt(samples + "[0].memberCount")).isEqualTo(2);
        assertThat(report.getList(samples + "[0].suggestions.key", String.class)).first().isEqualTo("engineering");
        assertThat(report.getList(samples + "[1].suggestions")).isEmpty();
        assertThat(finding(report, "inactive_manager").get("count")).isEqualTo(3);
        assertThat(finding(report, "missing_manager").get("count")).isEqualTo(2);
        assertThat(finding(report, "empty_department").get("count")).isEqualTo(2);
        assertThat(report.getList("findings.find { it.finding == 'empty_department' }.samples.id", String.class))
                .containsExactly("legal", "platform");

        JsonPath page = RestApi.as(org.admin)
                .get("/v1/orgs/{orgId}/data-quality?finding=inactive_manager&limit=2", org.id)
                .then().statusCode(200).body("findings.size()", equalTo(1)).extract().jsonPath();
        assertThat(page.getList("findings[0].samples.managerStatus", String.class))
                .containsExactly("suspended", "suspended");
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/data-quality?finding=inactive_manager&limit=2&cursor="
                        + page.getString("findings[0].nextCursor"), org.id)
                .then().statusCode(200).body("findings[0].samples.size()", equalTo(1))
                .body("findings[0].nextCursor", nullValue());
    }

    @Test
    void plain_members_may_not_read_the_data_quality_report() {
        TestOrg org = TestOrg.create();
        RestApi.as(org.member()).get("/v1/orgs/{orgId}/data-quality", org.id).then().statusCode(403);
    }

    @Test
    void a_data_quality_cursor_continues_only_its_own_org_and_finding() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        for (TestOrg each : List.of(org, other)) {
            importMembers(each, List.of(Map.of("userId", Ids.user("loose")), Map.of("userId", Ids.user("loose"))));
        }
        String cursor = dataQuality(org.admin, org, "missing_manager", null)
                .then().statusCode(200).extract().path("findings[0].nextCursor");
        assertThat(cursor).isNotNull();
        dataQuality(org.admin, org, "missing_manager", cursor).then().statusCode(200)
                .body("findings[0].samples.size()", equalTo(1));

        refusedCursor(dataQuality(other.admin, other, "missing_manager", cursor));
        refusedCursor(dataQuality(org.admin, org, "unknown_department", cursor));
        refusedCursor(dataQuality(org.admin, org, "inactive_manager", cursor));
    }

    @Test
    void an_org_chart_cursor_continues_only_its_own_org_view_and_root() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String boss = Ids.user("boss");
        importMembers(org, List.of(Map.of("userId", boss), Map.of("userId", Ids.user("top")),
                Map.of("userId", Ids.user("rep"), "managerId", boss),
                Map.of("userId", Ids.user("rep"), "managerId", boss)));
        importMembers(other, List.of(Map.of("userId", Ids.user("top")), Map.of("userId", Ids.user("top"))));
        String cursor = orgChart(org.admin, org, "reporting", null, null)
                .then().statusCode(200).extract().path("nextCursor");
        assertThat(cursor).isNotNull();
        orgChart(org.admin, org, "reporting", null, cursor).then().statusCode(200);

        refusedCursor(orgChart(other.admin, other, "reporting", null, cursor));
        refusedCursor(orgChart(org.admin, org, "department", null, cursor));
        refusedCursor(orgChart(org.admin, org, "reporting", boss, cursor));
    }

    private static Response dataQuality(String caller, TestOrg org, String finding, String cursor) {
        RequestSpecification request = RestApi.as(caller).queryParam("finding", finding).queryParam("limit", 1);
        return (cursor == null ? request : request.queryParam("cursor", cursor))
                .get("/v1/orgs/{orgId}/data-quality", org.id);
    }

    private static Response orgChart(String caller, TestOrg org, String view, String root, String cursor) {
        RequestSpecification request = RestApi.as(caller).queryParam("view", view).queryParam("depth", 1)
                .queryParam("limit", 1);
        request = root == null ? request : request.queryParam("root", root);
        return (cursor == null ? request : request.queryParam("cursor", cursor))
                .get("/v1/orgs/{orgId}/org-chart", org.id);
    }

    private static void refusedCursor(Response response) {
        response.then().statusCode(400)
                .body("type", equalTo("https://circles.dev/problems/invalid-cursor"))
                .body("errors[0].field", equalTo("cursor"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finding(JsonPath report, String kind) {
        return report.getMap("findings.find { it.finding == '" + kind + "' }");
    }
}
