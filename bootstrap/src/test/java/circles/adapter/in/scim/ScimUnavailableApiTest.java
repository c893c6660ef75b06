package circles.adapter.in.scim;

import static circles.adapter.in.scim.ScimOrg.ERROR;
import static circles.adapter.in.scim.ScimOrg.SCIM_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.support.ServiceConnections;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SCIM answers a passing database failure as the REST API does, in its own error format. */
@QuarkusTest
class ScimUnavailableApiTest {
    private static final int RETRIES = 40;

    @Inject
    AgroalDataSource pool;

    @AfterEach
    void renewTheConnections() {
        ServiceConnections.renew(pool);
    }

    @Test
    void after_the_database_ended_the_services_sessions_scim_answers_503_with_retry_after_until_it_succeeds() {
        ScimOrg org = ScimOrg.create();
        org.scim().get("/scim/v2/Users").then().statusCode(200);

        assertThat(ServiceConnections.terminate()).isPositive();
        List<Integer> statuses = new ArrayList<>();
        Response answer;
        do {
            answer = org.scim().get("/scim/v2/Users");
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 503) {
                assertThat(answer.contentType()).startsWith(SCIM_JSON);
                assertThat(answer.jsonPath().getList("schemas")).containsExactly(ERROR);
                assertThat(answer.jsonPath().getString("status")).isEqualTo("503");
                assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
            }
        } while (answer.statusCode() != 200 && statuses.size() < RETRIES);

        assertThat(statuses.getFirst()).isEqualTo(503);
        assertThat(statuses).containsOnly(503, 200).endsWith(200);
    }
}
