package circles.adapter.in.rest.http;

import circles.domain.actor.UserId;
import circles.domain.shared.DomainException;
import circles.domain.shared.RuleViolation;

import java.util.Optional;
import java.util.function.Function;

/** Small conversions shared by the request readers. */
public final class Bodies {
    private Bodies() {
    }

    /** A user id member of a body; null when absent or {@code null}. */
    public static UserId userId(BodyObject body, String name) {
        String raw = body.text(name);
        if (raw == null) {
            return null;
        }
        try {
            return new UserId(raw);
        } catch (DomainException e) {
            throw RuleViolation.invalidField(body.field(name), "must be a user id of 1 to 255 printable characters");
        }
    }

    public static <T> T required(T value, BodyObject body, String name) {
        if (value == null) {
            throw RuleViolation.invalidField(body.field(name), "is required");
        }
        return value;
    }

    /** For members that may be left out of a patch but not set to {@code null}. */
    public static <T> T notNull(Optional<T> patched, BodyObject body, String name) {
        if (patched == null) {
            return null;
        }
        return patched.orElseThrow(() -> RuleViolation.invalidField(body.field(name), "must not be null"));
    }

    /** Maps a patch value, keeping "absent" (null) and "clear" (empty) as they are. */
    public static <T, R> Optional<R> map(Optional<T> patched, Function<? super T, ? extends R> mapper) {
        return patched == null ? null : patched.map(mapper);
    }
}
