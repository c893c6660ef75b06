package circles.bootstrap.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dev mode only (absent from every other build): hands out an access token of the development OIDC
 * provider, which listens on a random port, so that one command works for everyone:
 * {@code curl -s 'localhost:8080/dev/token?user=alice'}.
 *
 * <p>The token is a real one from the provider's token endpoint (password grant); the provider's
 * roles per user come from {@code quarkus.oidc.devservices.roles.<user>}.
 */
@Path("/dev")
@IfBuildProfile("dev")
public class DevTokenResource {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String authServerUrl;

    @ConfigProperty(name = "quarkus.oidc.client-id", defaultValue = "quarkus-app")
    String clientId;

    @Inject
    ObjectMapper json;

    /** The access token of {@code user} (any name; the password grant of the dev provider accepts all). */
    @GET
    @Path("/token")
    @Produces(MediaType.TEXT_PLAIN)
    @PermitAll
    public String token(@QueryParam("user") @DefaultValue("alice") String user) {
        Map<String, String> form = Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", user,
                "password", user);
        HttpRequest request = HttpRequest.newBuilder(URI.create(authServerUrl + "/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new WebApplicationException("The development OIDC provider refused: " + response.body(),
                        Response.Status.BAD_GATEWAY);
            }
            return body.get("access_token").asText() + "\n";
        } catch (IOException e) {
            throw new WebApplicationException("The development OIDC provider at " + authServerUrl
                    + " did not answer: " + e.getMessage(), e, Response.Status.BAD_GATEWAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebApplicationException(e, Response.Status.SERVICE_UNAVAILABLE);
        }
    }

    /** Where the development OIDC provider listens (its discovery document is below it). */
    @GET
    @Path("/oidc")
    @Produces(MediaType.TEXT_PLAIN)
    @PermitAll
    public String authServerUrl() {
        return authServerUrl + "\n";
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
