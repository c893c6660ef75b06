package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ERROR;
import static circles.adapter.in.scim.ScimOrg.SCIM_JSON;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.11: a service that does not support /Me answers 501 Not Implemented. Circles' SCIM clients are
 * identity providers, not users, so /Me stands for nobody; the token is still checked first.
 */
@QuarkusTest
class ScimMeApiTest {
    private static final String BODY = "{\"schemas\": [\"" + ScimOrg.USER + "\"], \"userName\": \"me\"}";

    private static List<Function<RequestSpecification, io.restassured.response.Response>> everyMethod() {
        return List.of(
                request -> request.get("/scim/v2/Me"),
                request -> request.body(BODY).post("/scim/v2/Me"),
                request -> request.body(BODY).put("/scim/v2/Me"),
                request -> request.body(ScimOrg.patch("[{\"op\": \"replace\", \"path\": \"title\", \"value\": \"x\"}]"))
                        .patch("/scim/v2/Me"),
                request -> request.delete("/scim/v2/Me"));
    }

    @Test
    void every_method_on_me_answers_501_with_a_scim_error_saying_why() {
        ScimOrg org = ScimOrg.create();

        for (var method : everyMethod()) {
            method.apply(org.scim()).then().statusCode(501).contentType(startsWith(SCIM_JSON))
                    .body("schemas", hasItem(ERROR)).body("status", equalTo("501"))
                    .body("detail", containsString("identity provider"));
        }
    }

    @Test
    void me_without_a_valid_token_answers_401() {
        for (var method : everyMethod()) {
            method.apply(given().contentType(SCIM_JSON)).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo("401"));
            method.apply(given().contentType(SCIM_JSON).header("Authorization", "Bearer scim_unknown")).then()
                    .statusCode(401).body("schemas", hasItem(ERROR));
        }
    }
}
