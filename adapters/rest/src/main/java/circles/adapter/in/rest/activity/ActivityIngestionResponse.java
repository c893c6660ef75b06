package circles.adapter.in.rest.activity;

import circles.application.port.in.activity.IngestActivityUseCase;
import circles.domain.shared.FieldError;

import java.util.List;
import java.util.stream.Collectors;

/** The answer to an activity batch: counts, and each refused event with its problems. */
public record ActivityIngestionResponse(int accepted, int duplicates, List<Rejected> rejected) {

    public record Rejected(int index, String eventId, String detail, List<Error> errors) {
    }

    public record Error(String field, String message) {
    }

    public static ActivityIngestionResponse of(IngestActivityUseCase.Result result) {
        return new ActivityIngestionResponse(result.accepted(), result.duplicates(), result.rejected().stream()
                .map(rejection -> new Rejected(rejection.index(), rejection.eventId(),
                        rejection.errors().stream().map(e -> e.field() + " " + e.message())
                                .collect(Collectors.joining("; ")),
                        rejection.errors().stream().map(ActivityIngestionResponse::error).toList()))
                .toList());
    }

    private static Error error(FieldError error) {
        return new Error(error.field(), error.message());
    }
}
