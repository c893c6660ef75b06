package circles.adapter.in.rest.problem;

import circles.application.port.in.dynamic.EvaluationFailed;
import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.domain.shared.DomainException;
import circles.domain.shared.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The one place where failures become HTTP answers: RFC 9457 {@code application/problem+json} documents whose
 * {@code type}, {@code title} and {@code status} come from the catalogue {@link ProblemType}, one stable code per kind
 * of failure. A code the catalogue lacks is a programming error: it is logged and answered as
 * {@link ProblemType#INTERNAL_ERROR}.
 */
public final class ProblemMapper {
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String TYPE_BASE = ProblemType.TYPE_BASE;

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ahead of the mappers Quarkus registers for the same exceptions. */
    private static final int FIRST = Priorities.USER - 100;
    /** When to try again after an evaluation failed for no passing reason we know of. */
    static final Duration EVALUATION_RETRY = Duration.ofSeconds(30);
    /** When to try again after a passing database failure that reached us untranslated. */
    static final Duration UNTRANSLATED_RETRY = Duration.ofSeconds(5);

    @ServerExceptionMapper(priority = FIRST)
    public Response domain(DomainException failure, UriInfo uri) {
        ProblemType type = ProblemType.ofCode(failure.code()).orElse(null);
        if (type == null) {
            return uncatalogued(failure, uri);
        }
        return problem(type, failure.getMessage(), failure.errors(), uri);
    }

    /**
     * On a SCIM route such a failure comes from outside its resource (a body over the limit while it is read) and
     * is answered as a SCIM error, as every refusal there.
     */
    @ServerExceptionMapper(priority = FIRST)
    public Response http(HttpProblem failure, UriInfo uri) {
        if (uri != null && HttpLayerProblems.isScim(uri.getPath())) {
            return Response.status(failure.status()).type(HttpLayerProblems.SCIM_JSON)
                    .entity(HttpLayerProblems.scimError(failure.status(), failure.getMessage())).build();
        }
        return problem(failure.type(), failure.getMessage(), failure.errors(), uri);
    }

    /** A domain code missing from {@link ProblemType}: a programming error, never an answer with an unknown type. */
    Response uncatalogued(DomainException failure, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(failure, "Failure code '%s' is not in the problem catalogue (incident %s) on %s", failure.code(),
                incident, uri == null ? "?" : uri.getPath());
        return internalError(incident, uri);
    }

    /**
     * An evaluation that failed for a reason that is not the caller's (the group shows it as {@code lastError}, and
     * the log has the details under the incident number in it): the service could not do it now, retrying is safe.
     */
    @ServerExceptionMapper(priority = FIRST)
    public Response evaluationFailed(EvaluationFailed failure, UriInfo uri) {
        Duration retryAfter = TemporarilyUnavailable.behind(failure).map(TemporarilyUnavailable::retryAfter)
                .orElse(EVALUATION_RETRY);
        return retryAfter(problem(ProblemType.EVALUATION_FAILED, failure.getMessage(), List.of(), uri), retryAfter);
    }

    /**
     * A failure that passes by itself (the database connection lost, a timeout, a serialization failure...): nothing
     * the caller did wrong, so never a 500. The same request may be sent again after {@code Retry-After} seconds; a
     * create with the same {@code Idempotency-Key} is then done at most once, also if the failure hid its success.
     */
    @ServerExceptionMapper(priority = FIRST)
    public Response temporarilyUnavailable(TemporarilyUnavailable failure, UriInfo uri) {
        LOG.warnf("Temporarily unavailable on %s: %s (%s)", uri == null ? "?" : uri.getPath(), failure.getMessage(),
                failure.getCause());
        return unavailable(failure.getMessage(), failure.retryAfter(), uri);
    }

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class},
            priority = FIRST)
    public Response unauthorized(RuntimeException failure, UriInfo uri) {
        return Response.fromResponse(problem(ProblemType.UNAUTHORIZED, "A valid bearer token is required.", List.of(), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response forbidden(ForbiddenException failure, UriInfo uri) {
        return problem(ProblemType.FORBIDDEN, "You may not do this.", List.of(), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response notFound(NotFoundException failure, UriInfo uri) {
        return problem(ProblemType.NOT_FOUND, "There is no resource at " + uri.getPath() + ".", List.of(), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response methodNotAllowed(NotAllowedException failure, UriInfo uri) {
        Response answer = problem(ProblemType.METHOD_NOT_ALLOWED,
                "This method is not allowed on " + uri.getPath() + ".", List.of(), uri);
        String allow = failure.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? answer : Response.fromResponse(answer).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response notAcceptable(NotAcceptableException failure, UriInfo uri) {
        return problem(ProblemType.NOT_ACCEPTABLE, "This resource answers with application/json only.", List.of(),
                uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unsupportedMediaType(NotSupportedException failure, UriInfo uri, HttpHeaders headers) {
        String given = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The content type " + (given == null ? "(none)" : given)
                + " is not supported here; use application/json.", List.of(), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response webApplication(WebApplicationException failure, UriInfo uri) {
        int status = failure.getResponse().getStatus();
        return switch (status) {
            case 400 -> problem(ProblemType.BAD_REQUEST, "The request is malformed.", List.of(), uri);
            case 401 -> unauthorized(failure, uri);
            case 403 -> problem(ProblemType.FORBIDDEN, "You may not do this.", List.of(), uri);
            case 404 -> problem(ProblemType.NOT_FOUND, "There is no resource at " + uri.getPath() + ".", List.of(),
                    uri);
            case 405 -> problem(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed here.", List.of(), uri);
            case 406 -> problem(ProblemType.NOT_ACCEPTABLE, "This resource answers with application/json only.",
                    List.of(), uri);
            case 413 -> payloadTooLarge(uri);
            case 415 -> problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This content type is not supported here.",
                    List.of(), uri);
            default -> status >= 500 || status < 400 ? unexpected(failure, uri)
                    : problem(ProblemType.REQUEST_REFUSED, status, "The request cannot be answered (" + status + ").",
                    List.of(), uri);
        };
    }

    /** Bodies are parsed by the adapter itself; anything Jackson still rejects was malformed input. */
    @ServerExceptionMapper(priority = FIRST)
    public Response json(JsonProcessingException failure, UriInfo uri) {
        return problem(ProblemType.MALFORMED_JSON, "The request body is not valid JSON.", List.of(), uri);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unexpected(Throwable failure, UriInfo uri) {
        // The last resort: a passing failure wrapped on its way here, or one that escaped translation.
        var passing = TemporarilyUnavailable.behind(failure);
        if (passing.isPresent()) {
            return temporarilyUnavailable(passing.get(), uri);
        }
        if (UntranslatedDatabaseFailures.passing(failure)) {
            LOG.warnf(failure, "Temporarily unavailable on %s (an untranslated database failure)",
                    uri == null ? "?" : uri.getPath());
            return unavailable("the database failed for a moment", UNTRANSLATED_RETRY, uri);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure %s on %s", incident, uri == null ? "?" : uri.getPath());
        return internalError(incident, uri);
    }

    private static Response internalError(String incident, UriInfo uri) {
        return problem(ProblemType.INTERNAL_ERROR, "Something went wrong on our side (incident " + incident + ").",
                List.of(), uri);
    }

    private static Response unavailable(String reason, Duration retryAfter, UriInfo uri) {
        long seconds = retryAfterSeconds(retryAfter);
        return retryAfter(problem(ProblemType.TEMPORARILY_UNAVAILABLE, "The service cannot answer right now (" + reason
                + "). Try again in " + seconds + (seconds == 1 ? " second." : " seconds."), List.of(), uri),
                retryAfter);
    }

    /** The answer with a {@code Retry-After} header in whole seconds (RFC 9110), at least one. */
    static Response retryAfter(Response answer, Duration delay) {
        return Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(delay)).build();
    }

    static long retryAfterSeconds(Duration delay) {
        long millis = delay.toMillis();
        return Math.max(1, millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
    }

    static Response payloadTooLarge(UriInfo uri) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than this service accepts.",
                List.of(), uri);
    }

    /** A problem answer with the type's status; also used by the HTTP layer for failures that never reach a resource. */
    public static Response problem(ProblemType type, String detail, List<FieldError> errors, UriInfo uri) {
        return problem(type, type.status(), detail, errors, uri);
    }

    private static Response problem(ProblemType type, int status, String detail, List<FieldError> errors,
                                    UriInfo uri) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(body(type, status, detail, errors, instance))
                .build();
    }

    /** The problem document as JSON text, with the type's status. */
    public static String body(ProblemType type, String detail, List<FieldError> errors, String instance) {
        return body(type, type.status(), detail, errors, instance);
    }

    private static String body(ProblemType type, int status, String detail, List<FieldError> errors,
                               String instance) {
        List<Problem.FieldErrorBody> fields = errors.isEmpty() ? null : errors.stream()
                .map(error -> new Problem.FieldErrorBody(error.field(), error.message()))
                .toList();
        Problem problem = new Problem(type.uri(), type.title(), status, detail, instance, fields);
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
