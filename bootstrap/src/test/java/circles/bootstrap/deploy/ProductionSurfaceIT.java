package circles.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.crash.PackagedCircles;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the packaged application (production profile) shows to the network: the API port serves the API and its
 * OpenAPI document but neither health, metrics nor Swagger UI; health and metrics answer on the management port; and
 * with {@code QUARKUS_OIDC_TOKEN_AUDIENCE} set, only tokens issued for that audience are accepted.
 */
class ProductionSurfaceIT {
    private static final String AUDIENCE = "circles-api";

    private static PackagedCircles circles;

    @BeforeAll
    static void start() {
        circles = PackagedCircles.start(Map.of("QUARKUS_OIDC_TOKEN_AUDIENCE", AUDIENCE));
    }

    @AfterAll
    static void stop() {
        if (circles != null) {
            circles.close();
        }
    }

    @Test
    void a_token_issued_for_the_configured_audience_is_accepted() {
        circles.as(circles.tokenFor(AUDIENCE, "audience-user", "user")).get("/v1/me")
                .then().statusCode(200);
    }

    @Test
    void a_token_issued_for_another_audience_is_refused_with_401() {
        circles.as(circles.tokenFor("some-other-service", "audience-user", "user")).get("/v1/me")
                .then().statusCode(401);
    }

    @Test
    void a_token_without_an_audience_is_refused_with_401() {
        circles.as(circles.token("audience-user", "user")).get("/v1/me")
                .then().statusCode(401);
    }

    @Test
    void health_and_metrics_answer_on_the_management_port() {
        RestAssured.given().baseUri(circles.managementUri()).get("/q/health/ready").then().statusCode(200);
        RestAssured.given().baseUri(circles.managementUri()).get("/q/health/live").then().statusCode(200);
        String metrics = RestAssured.given().baseUri(circles.managementUri()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_");
    }

    @Test
    void the_api_port_serves_neither_health_nor_metrics() {
        circles.as(null).get("/q/health/ready").then().statusCode(404);
        circles.as(null).get("/q/metrics").then().statusCode(404);
    }

    @Test
    void the_openapi_document_is_served_on_the_api_port() {
        String document = circles.as(null).get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(document).contains("openapi: 3");
    }

    @Test
    void swagger_ui_is_not_part_of_the_production_build() {
        circles.as(null).get("/q/swagger-ui").then().statusCode(404);
        RestAssured.given().baseUri(circles.managementUri()).get("/q/swagger-ui").then().statusCode(404);
    }
}
