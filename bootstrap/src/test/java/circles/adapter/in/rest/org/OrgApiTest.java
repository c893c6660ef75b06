package circles.adapter.in.rest.org;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrgApiTest {

    @Test
    void a_platform_admin_creates_an_org_whose_listed_users_become_its_admins() {
        String slug = Ids.unique("acme");
        String alice = Ids.user("alice");

        Response created = RestApi.asPlatformAdmin()
                .contentType(JSON)
                .body(Map.of("name", "  Acme Learning  ", "slug", slug, "adminUserIds", List.of(alice)))
                .post("/v1/orgs");

        created.then().statusCode(201)
                .body("name", equalTo("Acme Learning"))
                .body("slug", equalTo(slug))
                .body("memberCount", equalTo(1));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/v1/orgs/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"" + created.path("version") + "\"");
        RestApi.as(alice).get("/v1/orgs/{orgId}/members/{userId}", id, alice)
                .then().statusCode(200).body("role", equalTo("admin"));
    }

    @Test
    void only_platform_admins_create_orgs() {
        TestOrg org = TestOrg.create();

        RestApi.as(org.admin)
                .contentType(JSON)
                .body(Map.of("name", "Mine", "slug", Ids.unique("mine"), "adminUserIds", List.of()))
                .post("/v1/orgs")
                .then().statusCode(403).contentType(RestApi.PROBLEM);
    }

    @Test
    void an_org_slug_is_unique() {
        TestOrg org = TestOrg.create();

        RestApi.asPlatformAdmin()
                .contentType(JSON)
                .body(Map.of("name", "Copy", "slug", org.slug, "adminUserIds", List.of()))
                .post("/v1/orgs")
                .then().statusCode(409)
                .body("type", equalTo("https://circles.dev/problems/org-slug-taken"));
    }

    @Test
    void members_see_their_orgs_and_platform_admins_see_all() {
        TestOrg mine = TestOrg.create();
        TestOrg other = TestOrg.create();

        List<String> seenByAdmin = RestApi.as(mine.admin).get("/v1/orgs")
                .then().statusCode(200).extract().path("items.id");
        assertThat(seenByAdmin).contains(mine.id).doesNotContain(other.id);

        RestApi.asPlatformAdmin().queryParam("q", other.slug).get("/v1/orgs")
                .then().statusCode(200).body("items.id", hasItem(other.id));
    }

    @Test
    void members_read_their_org_with_its_etag_and_outsiders_do_not_see_it() {
        TestOrg org = TestOrg.create();
        String member = org.member();
        TestOrg other = TestOrg.create();

        Response read = RestApi.as(member).get("/v1/orgs/{orgId}", org.id);
        read.then().statusCode(200).body("id", equalTo(org.id)).body("memberCount", equalTo(2));
        assertThat(read.header("ETag")).isEqualTo("\"" + read.path("version") + "\"");

        RestApi.as(other.admin).get("/v1/orgs/{orgId}", org.id)
                .then().statusCode(404).contentType(RestApi.PROBLEM);
    }

    @Test
    void an_org_admin_renames_the_org_and_a_stale_if_match_is_refused() {
        TestOrg org = TestOrg.create();
        Response before = RestApi.as(org.admin).get("/v1/orgs/{orgId}", org.id);
        String etag = before.header("ETag");

        Response renamed = RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", etag)
                .body(Map.of("name", "Renamed Org"))
                .patch("/v1/orgs/{orgId}", org.id);

        renamed.then().statusCode(200).body("name", equalTo("Renamed Org")).body("slug", equalTo(org.slug));
        assertThat(renamed.header("ETag")).isNotEqualTo(etag);
        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .header("If-Match", etag)
                .body(Map.of("name", "Too Late"))
                .patch("/v1/orgs/{orgId}", org.id)
                .then().statusCode(412).contentType(RestApi.PROBLEM);
        RestApi.as(org.admin).get("/v1/orgs/{orgId}", org.id).then().body("name", equalTo("Renamed Org"));
    }

    @Test
    void plain_members_may_not_rename_the_org() {
        TestOrg org = TestOrg.create();
        String member = org.member();

        RestApi.as(member)
                .contentType(JSON)
                .body(Map.of("name", "Hijacked"))
                .patch("/v1/orgs/{orgId}", org.id)
                .then().statusCode(403);
    }

    @Test
    void an_org_cannot_take_the_slug_of_another() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();

        RestApi.as(org.admin)
                .contentType(MERGE_PATCH)
                .body(Map.of("slug", other.slug))
                .patch("/v1/orgs/{orgId}", org.id)
                .then().statusCode(409);
        RestApi.as(org.admin).get("/v1/orgs/{orgId}", org.id)
                .then().body("slug", equalTo(org.slug)).body("slug", not(equalTo(other.slug)));
    }
}
