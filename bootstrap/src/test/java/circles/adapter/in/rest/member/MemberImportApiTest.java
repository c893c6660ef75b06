package circles.adapter.in.rest.member;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberImportApiTest {
    private static final String CSV = "text/csv";

    @TestHTTPResource("/")
    URI root;

    private static Response importJson(TestOrg org, String query, Object rows) {
        return RestApi.as(org.admin).contentType(JSON).body(rows)
                .post("/v1/orgs/{orgId}/members/import" + query, org.id);
    }

    private static Response importCsv(TestOrg org, String query, String csv) {
        return RestApi.as(org.admin).contentType(CSV).body(csv)
                .post("/v1/orgs/{orgId}/members/import" + query, org.id);
    }

    private static Response member(TestOrg org, String userId) {
        return RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, userId);
    }

    @Test
    void a_json_import_creates_and_updates_members_and_reports_every_row() {
        TestOrg org = TestOrg.create();
        String existing = org.member();
        String boss = Ids.user("boss");
        String report = Ids.user("report");

        Response answer = importJson(org, "", List.of(
                Map.of("userId", report, "email", report + "@acme.example", "managerId", boss,
                        "customAttributes", Map.of("team", "platform")),
                Map.of("userId", boss, "displayName", "The Boss", "role", "it_admin"),
                Map.of("userId", existing, "department", "engineering")));

        answer.then().statusCode(200)
                .body("created", equalTo(2)).body("updated", equalTo(1))
                .body("unchanged", equalTo(0)).body("failed", equalTo(0))
                .body("dryRun", equalTo(false)).body("mode", equalTo("partial"))
                .body("rows.outcome", equalTo(List.of("created", "created", "updated")))
                .body("rowsOmitted", equalTo(0));
        member(org, report).then().statusCode(200)
                .body("managerId", equalTo(boss))
                .body("customAttributes.team", equalTo("platform"))
                .body("email", equalTo(report + "@acme.example"));
        member(org, boss).then().statusCode(200).body("role", equalTo("it_admin"));
        member(org, existing).then().statusCode(200).body("department", equalTo("engineering"))
                .body("version", equalTo(2));
    }

    @Test
    void a_csv_import_reads_quoted_fields_custom_columns_and_managers_further_down() {
        TestOrg org = TestOrg.create();
        String ana = Ids.user("ana");
        String bo = Ids.user("bo");
        String csv = "\uFEFFuserId,email,displayName,managerId,custom.badge,role\r\n"
                + ana + "," + ana + "@acme.example,\"Ana, \"\"the\"\" Analyst\"," + bo + ",gold,\r\n"
                + bo + ",,\"Bo\nBoss\",,,member\r\n";

        RestApi.as(org.admin).contentType(CSV + "; charset=UTF-8").body(csv)
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(200).body("created", equalTo(2)).body("failed", equalTo(0));

        member(org, ana).then().statusCode(200)
                .body("displayName", equalTo("Ana, \"the\" Analyst"))
                .body("managerId", equalTo(bo))
                .body("customAttributes.badge", equalTo("gold"))
                .body("role", equalTo("member"));
        member(org, bo).then().statusCode(200).body("displayName", equalTo("Bo\nBoss"));
    }

    @Test
    void rows_that_break_a_rule_fail_with_their_errors_and_the_others_are_imported() {
        TestOrg org = TestOrg.create();
        String good = Ids.user("good");

        Response answer = RestApi.sloppy(org.admin).contentType(CSV)
                .body("userId,email,role,managerId\n"
                        + good + ",good@acme.example,member,\n"
                        + Ids.user("bad") + ",not-an-email,member,\n"
                        + Ids.user("lost") + ",,member,nobody-at-all\n"
                        + ",unknown@acme.example,,\n"
                        + "too,many,fields,here,sir\n")
                .post("/v1/orgs/{orgId}/members/import", org.id);

        answer.then().statusCode(200).body("created", equalTo(1)).body("failed", equalTo(4));
        assertThat(answer.jsonPath().getList("rows.findAll { it.outcome == 'failed' }.errors.field.flatten()",
                String.class)).containsExactly("email", "managerId", "email", "row");
        member(org, good).then().statusCode(200);
    }

    @Test
    void an_atomic_import_with_a_failing_row_writes_nothing_and_answers_422() {
        TestOrg org = TestOrg.create();
        String first = Ids.user("first");

        RestApi.sloppy(org.admin).contentType(JSON)
                .body(List.of(Map.of("userId", first), Map.of("userId", Ids.user("second"), "role", "boss")))
                .post("/v1/orgs/{orgId}/members/import?mode=atomic", org.id)
                .then().statusCode(422)
                .contentType(RestApi.PROBLEM)
                .body("errors.field", equalTo(List.of("[1].role")));

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, first).then().statusCode(404);
    }

    @Test
    void a_dry_run_reports_without_writing() {
        TestOrg org = TestOrg.create();
        String someone = Ids.user("someone");

        importJson(org, "?dryRun=true", List.of(Map.of("userId", someone)))
                .then().statusCode(200).body("dryRun", equalTo(true)).body("created", equalTo(1));

        RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, someone).then().statusCode(404);
    }

    @Test
    void an_import_joins_auto_add_groups_and_is_audited_once_with_its_counts() {
        TestOrg org = TestOrg.create();
        String welcome = org.group("organization", Map.of("settings", Map.of("autoAddNewOrgMembers", true)));
        String newcomer = Ids.user("newcomer");

        importJson(org, "", List.of(Map.of("userId", newcomer))).then().statusCode(200);

        RestApi.as(org.admin).get("/v1/groups/{groupId}/members/{userId}", welcome, newcomer)
                .then().statusCode(200).body("role", equalTo("member"));
        RestApi.as(org.admin).get("/v1/orgs/{orgId}/audit-events?action=org_member.imported", org.id)
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].summary.created", equalTo(1));
    }

    @Test
    void only_org_admins_and_it_admins_may_import() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String itAdmin = org.member("it_admin");

        RestApi.as(member).contentType(JSON).body(List.of(Map.of("userId", Ids.user("x"))))
                .post("/v1/orgs/{orgId}/members/import", org.id).then().statusCode(403);
        RestApi.as(itAdmin).contentType(JSON).body(List.of(Map.of("userId", Ids.user("x"))))
                .post("/v1/orgs/{orgId}/members/import", org.id).then().statusCode(200).body("created", equalTo(1));
    }

    @Test
    void malformed_files_are_refused_as_a_whole() {
        TestOrg org = TestOrg.create();

        RestApi.sloppy(org.admin).contentType(CSV).body("userId,dept\nx,sales\n")
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400).body("errors.field", hasItem("header"));
        RestApi.sloppy(org.admin).contentType(CSV).body("userId,email\n\"x,unterminated\n")
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400);
        RestApi.sloppy(org.admin).contentType(JSON).body("[{\"userId\": \"a\"}, {\"userId\": 7}]")
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400).body("errors.field", hasItem("[1].userId"));
        RestApi.sloppy(org.admin).contentType(JSON).body("[{\"userId\": \"a\"},")
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400);
    }

    @Test
    void a_nul_character_or_bytes_that_are_not_utf_8_refuse_the_whole_import() {
        TestOrg org = TestOrg.create();
        String first = Ids.user("clean");
        String second = Ids.user("dirty");

        RestApi.sloppy(org.admin).contentType(CSV).body("userId,department\n" + first + ",sales\n" + second
                        + ",sa\u0000les\n")
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400).body("errors.field", hasItem("[1].department"));
        RestApi.sloppy(org.admin).contentType(JSON).body("[{\"userId\": \"" + first + "\"}, {\"userId\": \""
                        + second + "\", \"customAttributes\": {\"team\": \"a\\u0000\"}}]")
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400).body("errors.field", hasItem("[1].customAttributes.team"));
        byte[] latin = ("userId,displayName\n" + first + ",Jos\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        RestApi.sloppy(org.admin).contentType(CSV + "; charset=UTF-8").body(latin)
                .post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(400);

        member(org, first).then().statusCode(404);
        member(org, second).then().statusCode(404);
    }

    @Test
    void an_import_body_may_be_larger_than_other_request_bodies() {
        TestOrg org = TestOrg.create();
        StringBuilder csv = new StringBuilder("userId,email,displayName,department\n");
        int rows = 12_000;
        String prefix = Ids.unique("bulk");
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append('-').append(i).append(',').append(prefix).append('-').append(i)
                    .append("@acme.example,Member number ").append(i).append(" of the bulk file,engineering\n");
        }
        assertThat(csv.length()).isGreaterThan(1_048_576);

        importCsv(org, "", csv.toString()).then().statusCode(200)
                .body("created", equalTo(rows)).body("rows.size()", equalTo(10_000))
                .body("rowsOmitted", equalTo(rows - 10_000));

        importCsv(org, "", csv.toString()).then().statusCode(200)
                .body("unchanged", equalTo(rows)).body("rows.size()", equalTo(0));
    }

    @Test
    void a_body_declared_above_the_import_limit_is_refused_before_it_is_sent() throws Exception {
        TestOrg org = TestOrg.create();
        long limit = ConfigProvider.getConfig().getValue("circles.import.max-body-size",
                io.quarkus.runtime.configuration.MemorySize.class).asLongValue();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(root.resolve("/v1/orgs/" + org.id + "/members/import"))
                .timeout(Duration.ofSeconds(30))
                .expectContinue(true)
                .header("Authorization", "Bearer " + RestApi.token(org.admin))
                .header("Content-Type", CSV)
                .POST(HttpRequest.BodyPublishers.fromPublisher(new EndlessBody(), limit + 1))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(RestApi.PROBLEM);
        assertThat(response.body()).contains("payload-too-large");
    }

    /** Bytes made on demand: a body that would be far too large to build in memory. */
    private static final class EndlessBody implements Flow.Publisher<ByteBuffer> {
        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    for (long i = 0; i < n; i++) {
                        subscriber.onNext(ByteBuffer.wrap(new byte[8192]));
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }
    }
}
