package circles.adapter.in.rest;

import static io.restassured.RestAssured.given;

import circles.bootstrap.support.TestTokens;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the REST tests talk to the service: every request and every answer is checked against the contract,
 * {@code openapi.yaml} at the repository root. Requests that are deliberately wrong are sent with
 * {@link #sloppy}, which still checks the answer.
 */
public final class RestApi {
    public static final String JSON = "application/json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String PROBLEM = "application/problem+json";

    private static final String CONTRACT = readContract();
    private static final OpenApiValidationFilter STRICT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForInlineApiSpecification(CONTRACT).build());
    private static final OpenApiValidationFilter RESPONSES_ONLY = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForInlineApiSpecification(CONTRACT)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
    /**
     * Requests and answers whose rules may name an extension criterion type: the contract's {@code Criterion} union
     * describes the built-in types only (extension types are described at run time by {@code GET
     * /v1/criterion-types}), so bodies are not checked against their schemas; routes, statuses, headers and media
     * types still are.
     */
    private static final OpenApiValidationFilter EXTENSION_CRITERIA = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForInlineApiSpecification(CONTRACT)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.body.schema", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.body.schema", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private RestApi() {
    }

    /** A request by {@code userId}, request and answer validated against the contract. */
    public static RequestSpecification as(String userId) {
        return given().config(CONFIG).filter(STRICT).header("Authorization", "Bearer " + token(userId));
    }

    public static RequestSpecification asPlatformAdmin() {
        return given().config(CONFIG).filter(STRICT)
                .header("Authorization", "Bearer " + TOKENS.computeIfAbsent("\0platform-admin",
                        ignored -> TestTokens.platformAdmin()));
    }

    /** A request by {@code userId} whose token carries {@code roles}, request and answer validated. */
    public static RequestSpecification withRoles(String userId, String... roles) {
        return given().config(CONFIG).filter(STRICT)
                .header("Authorization", "Bearer " + TestTokens.forUser(userId, roles));
    }

    /** A request by {@code userId} whose rules may name extension criterion types (see {@link #EXTENSION_CRITERIA}). */
    public static RequestSpecification withExtensionCriteria(String userId) {
        return given().config(CONFIG).filter(EXTENSION_CRITERIA).header("Authorization", "Bearer " + token(userId));
    }

    /** A deliberately invalid request by {@code userId}: only the answer is checked against the contract. */
    public static RequestSpecification sloppy(String userId) {
        return given().config(CONFIG).filter(RESPONSES_ONLY).header("Authorization", "Bearer " + token(userId));
    }

    /** A request without any token: only the answer is checked against the contract. */
    public static RequestSpecification anonymous() {
        return given().config(CONFIG).filter(RESPONSES_ONLY);
    }

    public static String token(String userId) {
        return TOKENS.computeIfAbsent(userId, TestTokens::forUser);
    }

    private static String readContract() {
        try {
            return Files.readString(Path.of("..", "openapi.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml is expected at the repository root", e);
        }
    }
}
