package circles.client.tour;

import circles.bootstrap.crash.PackagedCircles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The README's API tour through the generated Java client, against the packaged application on an embedded
 * PostgreSQL; the tokens are RS256 tokens the harness signs, which the application verifies with the harness's
 * public key.
 */
class ApiTourIT {
    private static PackagedCircles circles;

    @BeforeAll
    static void start_the_packaged_application() {
        circles = PackagedCircles.start(PackagedApplication.path(), Map.of());
    }

    @AfterAll
    static void stop_it() {
        if (circles != null) {
            circles.close();
        }
    }

    @Test
    void the_readme_api_tour_runs_through_the_generated_java_client() throws Exception {
        new ApiTour(circles.baseUri(), circles.token("alice", "platform-admin"), circles.token("bob")).run();
    }
}
