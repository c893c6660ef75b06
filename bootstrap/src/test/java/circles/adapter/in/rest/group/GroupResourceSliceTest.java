package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static circles.adapter.in.rest.RestApi.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.application.port.in.dynamic.EvaluationFailed;
import circles.application.port.in.group.DeleteGroupUseCase;
import circles.application.port.in.group.GetGroupUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.application.service.access.RequestScopeService;
import circles.application.service.group.GroupService;
import circles.domain.group.GroupId;
import circles.domain.group.Visibility;
import circles.domain.shared.Conflict;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.MockitoConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

/**
 * The group resource alone, its use cases mocked: how requests are parsed, and how every failure a use case may
 * throw becomes a problem answer. The use cases are produced as singletons; the mock stands in for the whole
 * service bean (every use case it implements) for the tests of this class only, which is why its scope is made
 * application scoped in the test build.
 */
@QuarkusTest
class GroupResourceSliceTest {
    private static final String TYPE = "https://circles.dev/problems/";

    /**
     * The scope is converted for a producer whose return type is the field's type, so the field names the
     * service; the resource sees it through its use-case interfaces, as below.
     */
    @InjectMock
    @MockitoConfig(convertScopes = true)
    GroupService groups;

    /**
     * The group's sight, which a request filter checks before a body is read, is not what these tests are about: the
     * mock lets every request through to the resource (the filter's own tests are {@code RightsBeforeBodiesApiTest}).
     */
    @InjectMock
    @MockitoConfig(convertScopes = true)
    RequestScopeService requestScope;

    private GetGroupUseCase getGroup;
    private UpdateGroupUseCase updateGroup;
    private DeleteGroupUseCase deleteGroup;

    @BeforeEach
    void seeTheMockThroughItsUseCases() {
        getGroup = groups;
        updateGroup = groups;
        deleteGroup = groups;
    }

    private final String caller = Ids.user("slice");
    private final String groupId = UUID.randomUUID().toString();

    /** The answer is the failure's problem; status codes a read never answers are not in the contract. */
    private RequestSpecification unchecked() {
        return given().header("Authorization", "Bearer " + RestApi.token(caller));
    }

    static Stream<Arguments> failuresOfAUseCase() {
        return Stream.of(
                Arguments.of(new NotFound("group", "g-1"), 404, "group-not-found"),
                Arguments.of(new NotAllowed("only the owner may"), 403, "not-allowed"),
                Arguments.of(new RuleViolation("nesting-cycle", "a group cannot contain itself"), 422, "nesting-cycle"),
                Arguments.of(new Conflict("group-name-taken", "the name is taken"), 409, "group-name-taken"),
                Arguments.of(new VersionConflict("group", 3, 4), 412, "version-mismatch"),
                Arguments.of(new InvalidInput("name", "must not be blank"), 400, "invalid-input"));
    }

    @ParameterizedTest
    @MethodSource("failuresOfAUseCase")
    void each_domain_failure_of_a_use_case_answers_its_status_and_problem_type(RuntimeException failure, int status,
                                                                                String code) {
        when(getGroup.get(any())).thenThrow(failure);

        unchecked().get("/v1/groups/{groupId}", groupId).then()
                .statusCode(status)
                .contentType(PROBLEM)
                .header("Retry-After", nullValue())
                .body("type", equalTo(TYPE + code))
                .body("status", equalTo(status))
                .body("detail", equalTo(failure.getMessage()))
                .body("instance", equalTo("/v1/groups/" + groupId));
    }

    @Test
    void invalid_input_names_the_field_it_rejects() {
        when(getGroup.get(any())).thenThrow(new InvalidInput("name", "must not be blank"));

        unchecked().get("/v1/groups/{groupId}", groupId).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("must not be blank"));
    }

    @Test
    void a_passing_failure_answers_503_with_its_delay_in_retry_after() {
        when(getGroup.get(any())).thenThrow(new TemporarilyUnavailable("the database connection was lost",
                Duration.ofMillis(6500), null));

        unchecked().get("/v1/groups/{groupId}", groupId).then()
                .statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", equalTo("7"))
                .body("type", equalTo(TYPE + "temporarily-unavailable"))
                .body("detail", containsString("Try again in 7 seconds."));
    }

    @Test
    void a_passing_failure_wrapped_by_the_use_case_is_still_503() {
        when(getGroup.get(any())).thenThrow(new IllegalStateException("while reading",
                new TemporarilyUnavailable("raced", Duration.ofSeconds(2), null)));

        unchecked().get("/v1/groups/{groupId}", groupId).then()
                .statusCode(503)
                .header("Retry-After", equalTo("2"))
                .body("type", equalTo(TYPE + "temporarily-unavailable"));
    }

    @Test
    void a_failed_evaluation_answers_503_with_the_default_delay() {
        when(getGroup.get(any())).thenThrow(new EvaluationFailed("the evaluation failed (incident 7)",
                new IllegalStateException("a bug")));

        unchecked().get("/v1/groups/{groupId}", groupId).then()
                .statusCode(503)
                .header("Retry-After", equalTo("30"))
                .body("type", equalTo(TYPE + "evaluation-failed"))
                .body("detail", equalTo("the evaluation failed (incident 7)"));
    }

    @Test
    void a_bug_in_a_use_case_is_500_with_an_incident_and_no_retry_after() {
        when(getGroup.get(any())).thenThrow(new IllegalStateException("a bug with a secret in it"));

        unchecked().get("/v1/groups/{groupId}", groupId).then()
                .statusCode(500)
                .contentType(PROBLEM)
                .header("Retry-After", nullValue())
                .body("type", equalTo(TYPE + "internal-error"))
                .body("detail", containsString("incident"))
                .body("detail", not(containsString("secret")));
    }

    @Test
    void a_group_id_that_is_no_uuid_never_reaches_the_use_case() {
        RestApi.sloppy(caller).get("/v1/groups/{groupId}", "not-a-uuid").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPE + "invalid-input"));

        verifyNoInteractions(getGroup);
    }

    @Test
    void a_patch_that_is_not_json_never_reaches_the_use_case() {
        RestApi.sloppy(caller).contentType(MERGE_PATCH).body("{\"name\": ").patch("/v1/groups/{groupId}", groupId)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPE + "malformed-json"));

        verifyNoInteractions(updateGroup);
    }

    @Test
    void a_patch_that_is_no_object_or_holds_a_value_of_the_wrong_kind_or_choice_never_reaches_the_use_case() {
        RestApi.sloppy(caller).contentType(MERGE_PATCH).body("[]").patch("/v1/groups/{groupId}", groupId)
                .then().statusCode(400).contentType(PROBLEM);
        RestApi.sloppy(caller).contentType(MERGE_PATCH).body("{\"name\": 42}").patch("/v1/groups/{groupId}", groupId)
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(TYPE + "invalid-input"));
        RestApi.sloppy(caller).contentType(MERGE_PATCH).body("{\"visibility\": \"everyone\"}")
                .patch("/v1/groups/{groupId}", groupId)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPE + "validation-failed"))
                .body("errors[0].field", equalTo("visibility"));

        verifyNoInteractions(updateGroup);
    }

    @Test
    void a_patch_in_a_content_type_the_resource_does_not_read_never_reaches_the_use_case() {
        RestApi.sloppy(caller).contentType("text/plain").body("name=x").patch("/v1/groups/{groupId}", groupId)
                .then()
                .statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPE + "unsupported-media-type"));

        verifyNoInteractions(updateGroup);
    }

    @Test
    void a_cascade_flag_that_is_no_boolean_never_reaches_the_use_case() {
        RestApi.sloppy(caller).queryParam("cascade", "maybe").delete("/v1/groups/{groupId}", groupId).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("cascade"));

        verifyNoInteractions(deleteGroup);
    }

    @Test
    void a_well_formed_patch_reaches_the_use_case_as_the_command_it_describes() {
        when(updateGroup.update(any())).thenThrow(new VersionConflict("group", 5, 6));

        unchecked().contentType(JSON).header("If-Match", "\"5\"")
                .body("{\"name\": \"Platform\", \"description\": null, \"visibility\": \"private\"}")
                .patch("/v1/groups/{groupId}", groupId).then()
                .statusCode(412)
                .body("type", equalTo(TYPE + "version-mismatch"));

        ArgumentCaptor<UpdateGroupUseCase.Command> command = ArgumentCaptor.forClass(UpdateGroupUseCase.Command.class);
        verify(updateGroup).update(command.capture());
        assertThat(command.getValue().groupId()).isEqualTo(new GroupId(UUID.fromString(groupId)));
        assertThat(command.getValue().expectedVersion()).isEqualTo(5L);
        assertThat(command.getValue().name()).contains("Platform");
        assertThat(command.getValue().description()).isEmpty();
        assertThat(command.getValue().visibility()).contains(Visibility.PRIVATE);
        assertThat(command.getValue().email()).isNull();
    }
}
