package circles.bootstrap.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yaml} is what an operator starts first. No Docker engine runs the build, so the file is read
 * here the way Compose reads it: every service reports its health, Circles starts only once its database and its
 * identity provider are healthy, and every service comes back after a failure.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker", "compose.yaml");

    private final JsonNode services = read().path("services");

    @Test
    void every_service_has_a_health_check_that_runs_a_command() {
        assertThat(names()).contains("postgres", "keycloak", "circles");
        for (String name : names()) {
            JsonNode test = services.path(name).path("healthcheck").path("test");
            assertThat(test.isArray() && test.size() >= 2)
                    .as("%s has a health check command", name)
                    .isTrue();
            assertThat(test.get(0).asText()).as("%s's health check form", name).isIn("CMD", "CMD-SHELL");
        }
    }

    @Test
    void circles_waits_for_every_other_service_to_be_healthy() {
        JsonNode dependsOn = services.path("circles").path("depends_on");
        for (String name : names()) {
            if (name.equals("circles")) {
                continue;
            }
            assertThat(dependsOn.path(name).path("condition").asText())
                    .as("circles waits for %s", name)
                    .isEqualTo("service_healthy");
        }
    }

    @Test
    void every_service_is_restarted_after_a_failure() {
        for (String name : names()) {
            assertThat(services.path(name).path("restart").asText())
                    .as("%s's restart policy", name)
                    .isIn("on-failure", "unless-stopped", "always");
        }
    }

    @Test
    void the_database_is_healthy_only_when_circles_own_role_reaches_its_database_over_tcp() {
        // The image's entrypoint runs the init scripts on a server listening on the Unix socket only: a check
        // without a host passes while they still run.
        String check = String.join(" ", texts(services.path("postgres").path("healthcheck").path("test")));
        assertThat(check).contains("-h 127.0.0.1").contains("-U circles").contains("-d circles");
    }

    @Test
    void circles_is_healthy_when_its_management_port_reports_it_ready() {
        // Production serves health on the management interface only; the API port answers 404 there.
        String check = String.join(" ", texts(services.path("circles").path("healthcheck").path("test")));
        assertThat(check).contains("/dev/tcp/127.0.0.1/9000").contains("GET /q/health/ready ")
                .doesNotContain("/8080");
    }

    @Test
    void every_variable_the_file_sets_for_circles_is_in_the_readme_configuration_table() {
        JsonNode environment = services.path("circles").path("environment");
        List<String> variables = new ArrayList<>();
        environment.fieldNames().forEachRemaining(variables::add);
        assertThat(variables).isNotEmpty();
        assertThat(ConfigurationTable.read().variables()).containsAll(variables);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode read() {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE));
            assertThat(root.path("services").isObject()).as("compose file has services").isTrue();
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + COMPOSE.toAbsolutePath(), e);
        }
    }
}
