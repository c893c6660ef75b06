package circles.adapter.in.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem details document. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldErrorBody> errors) {

    public record FieldErrorBody(String field, String message) {
    }
}
