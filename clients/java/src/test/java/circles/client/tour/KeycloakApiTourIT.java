package circles.client.tour;

import circles.bootstrap.crash.PackagedCircles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

/**
 * End to end: the README's API tour through the generated Java client, against the packaged application that
 * trusts a real Keycloak ({@code QUARKUS_OIDC_AUTH_SERVER_URL} is the realm), with tokens Keycloak issues by the
 * password grant. Only in the {@code e2e} profile ({@code ./mvnw -B verify -Pe2e}), which downloads and unpacks
 * Keycloak.
 */
@Tag("keycloak")
class KeycloakApiTourIT {
    private static KeycloakServer keycloak;
    private static PackagedCircles circles;

    @BeforeAll
    static void start_keycloak_and_the_packaged_application() {
        keycloak = KeycloakServer.start(Path.of(required("circles.keycloak.home")),
                Path.of(required("circles.keycloak.realm")));
        circles = PackagedCircles.startWithIssuer(PackagedApplication.path(), keycloak.issuer(), Map.of());
    }

    @AfterAll
    static void stop_them() {
        if (circles != null) {
            circles.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void the_readme_api_tour_runs_through_the_generated_java_client_with_keycloak_tokens() throws Exception {
        new ApiTour(circles.baseUri(), keycloak.token("alice", "alice"), keycloak.token("bob", "bob")).run();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run this test with -Pe2e");
        }
        return value;
    }
}
