package circles.adapter.in.rest.group;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/** A list cursor continues only the list, filters and caller it was issued for; anything else is refused. */
@QuarkusTest
class GroupCursorApiTest {

    @Test
    void the_caller_who_got_a_cursor_reads_the_next_page_with_it() {
        TestOrg org = orgWithGroups();
        String member = org.member();
        Response first = firstPage(RestApi.as(member), org);

        Response second = RestApi.as(member).queryParam("orgId", org.id).queryParam("limit", 1)
                .queryParam("cursor", first.<String>path("nextCursor")).get("/v1/groups");

        second.then().statusCode(200);
        assertThat(second.<String>path("items[0].id")).isNotEqualTo(first.path("items[0].id"));
    }

    @Test
    void another_caller_cannot_continue_someone_elses_list() {
        TestOrg org = orgWithGroups();
        String cursor = firstPage(RestApi.as(org.member()), org).path("nextCursor");

        refused(RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("limit", 1)
                .queryParam("cursor", cursor).get("/v1/groups"));
        refused(RestApi.as(org.member()).queryParam("orgId", org.id).queryParam("limit", 1)
                .queryParam("cursor", cursor).get("/v1/groups"));
    }

    @Test
    void a_cursor_does_not_carry_over_to_other_filters_or_another_sort() {
        TestOrg org = orgWithGroups();
        String member = org.member();
        String cursor = firstPage(RestApi.as(member), org).path("nextCursor");

        refused(RestApi.as(member).queryParam("orgId", org.id).queryParam("visibility", "public")
                .queryParam("limit", 1).queryParam("cursor", cursor).get("/v1/groups"));
        refused(RestApi.as(member).queryParam("orgId", org.id).queryParam("sort", "-name")
                .queryParam("limit", 1).queryParam("cursor", cursor).get("/v1/groups"));
    }

    @Test
    void a_changed_or_hand_made_cursor_is_refused_and_reveals_no_position() {
        TestOrg org = orgWithGroups();
        String member = org.member();
        String cursor = firstPage(RestApi.as(member), org).path("nextCursor");
        String position = cursor.substring(0, cursor.indexOf('.'));
        String decoded = new String(Base64.getUrlDecoder().decode(position), StandardCharsets.UTF_8);
        String probe = Base64.getUrlEncoder().withoutPadding().encodeToString(
                decoded.replaceFirst("\u0000=[^\u0000]*\u0000", "\u0000=zzzz\u0000").getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("1\u0000groups-name\u0000=m\u0000" + org.group("private")).getBytes(StandardCharsets.UTF_8));

        for (String crafted : List.of(probe, position, unsigned, cursor + "A")) {
            refused(RestApi.as(member).queryParam("orgId", org.id).queryParam("limit", 1)
                    .queryParam("cursor", crafted).get("/v1/groups"));
        }
    }

    private static TestOrg orgWithGroups() {
        TestOrg org = TestOrg.create();
        org.group("public");
        org.group("public");
        org.group("public");
        return org;
    }

    private static Response firstPage(RequestSpecification caller, TestOrg org) {
        Response first = caller.queryParam("orgId", org.id).queryParam("limit", 1).get("/v1/groups");
        first.then().statusCode(200).body("$", hasKey("nextCursor"));
        assertThat(first.<String>path("nextCursor")).isNotNull();
        return first;
    }

    private static void refused(Response response) {
        response.then().statusCode(400)
                .body("type", equalTo("https://circles.dev/problems/invalid-cursor"))
                .body("errors[0].field", equalTo("cursor"))
                .body("$", not(hasKey("items")));
    }
}
