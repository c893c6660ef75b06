package circles.adapter.in.rest.problem;

import circles.application.port.in.dynamic.EvaluationFailed;
import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {
    private final ProblemMapper mapper = new ProblemMapper();

    private static void assertRetryLater(Response answer, String code, String seconds) {
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getMediaType().toString()).isEqualTo(ProblemMapper.PROBLEM_JSON);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo(seconds);
        assertThat((String) answer.getEntity()).contains("\"type\":\"https://circles.dev/problems/" + code + "\"")
                .contains("\"status\":503");
    }

    @Test
    void a_passing_failure_answers_503_with_the_suggested_delay_in_whole_seconds() {
        assertRetryLater(mapper.temporarilyUnavailable(new TemporarilyUnavailable(
                "the connection to the database was lost", Duration.ofSeconds(2), null), null),
                "temporarily-unavailable", "2");
        // Never 0 (which would invite an instant retry storm), and rounded up.
        assertRetryLater(mapper.temporarilyUnavailable(new TemporarilyUnavailable("raced", Duration.ZERO, null), null),
                "temporarily-unavailable", "1");
        assertRetryLater(mapper.temporarilyUnavailable(new TemporarilyUnavailable("slow", Duration.ofMillis(2500),
                null), null), "temporarily-unavailable", "3");
    }

    @Test
    void the_detail_says_when_to_try_again() {
        Response answer = mapper.temporarilyUnavailable(new TemporarilyUnavailable(
                "the connection to the database was lost", Duration.ofSeconds(2), null), null);

        assertThat((String) answer.getEntity()).contains("the connection to the database was lost")
                .contains("Try again in 2 seconds.");
    }

    @Test
    void a_passing_failure_wrapped_on_its_way_is_still_503() {
        TemporarilyUnavailable passing = new TemporarilyUnavailable("raced", Duration.ofSeconds(1), null);

        assertRetryLater(mapper.unexpected(new CompletionException(new RuntimeException(passing)), null),
                "temporarily-unavailable", "1");
    }

    @Test
    void a_passing_database_failure_that_escaped_translation_is_503_not_500() {
        for (String state : new String[]{"08006", "08003", "57P01", "57P02", "57P03", "57014", "55P03", "53300",
                "40001", "40P01"}) {
            assertRetryLater(mapper.unexpected(new IllegalStateException("wrapped",
                    new SQLException("from the driver", state)), null), "temporarily-unavailable", "5");
        }
        assertRetryLater(mapper.unexpected(new RuntimeException(new SQLTransientConnectionException("gone")), null),
                "temporarily-unavailable", "5");
    }

    @Test
    void other_failures_stay_500() {
        assertThat(mapper.unexpected(new IllegalStateException("a bug"), null).getStatus()).isEqualTo(500);
        assertThat(mapper.unexpected(new RuntimeException(new SQLException("syntax error", "42601")), null)
                .getStatus()).isEqualTo(500);
    }

    @Test
    void a_failed_evaluation_says_when_to_try_again_too() {
        assertRetryLater(mapper.evaluationFailed(new EvaluationFailed("the evaluation failed (incident 1)",
                new IllegalStateException("a bug")), null), "evaluation-failed", "30");
        assertRetryLater(mapper.evaluationFailed(new EvaluationFailed("the evaluation failed (incident 2)",
                new TemporarilyUnavailable("lost", Duration.ofSeconds(2), null)), null), "evaluation-failed", "2");
    }

    @Test
    void a_domain_code_is_answered_with_the_catalogues_type_title_and_status() {
        Response answer = mapper.domain(new NotFound("group", "7b1e4d2c"), null);

        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat((String) answer.getEntity())
                .contains("\"type\":\"https://circles.dev/problems/group-not-found\"")
                .contains("\"title\":\"Group not found\"");
        assertThat(mapper.domain(new Conflict("group-name-taken", "taken"), null).getStatus()).isEqualTo(409);
    }

    @Test
    void a_code_missing_from_the_catalogue_is_a_programming_error_answered_as_the_generic_500() {
        Response answer = mapper.domain(new RuleViolation("no-such-code", "a code nobody catalogued"), null);

        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat((String) answer.getEntity())
                .contains("\"type\":\"https://circles.dev/problems/internal-error\"")
                .doesNotContain("no-such-code")
                .doesNotContain("a code nobody catalogued");
    }

    @Test
    void an_http_layer_refusal_without_a_code_of_its_own_keeps_its_status() {
        Response answer = mapper.webApplication(new jakarta.ws.rs.WebApplicationException(409), null);

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat((String) answer.getEntity())
                .contains("\"type\":\"https://circles.dev/problems/request-refused\"")
                .contains("\"status\":409");
    }
}
