package circles.domain.criterion.activity;

import circles.domain.criterion.Candidate;
import circles.domain.criterion.EvaluationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a member was last active: their latest activity event or their profile's {@code lastLoginAt}, whichever is
 * later. Shared by the recency criteria; the events are read once per evaluation.
 */
final class Recency {
    private record Key(ActivityData data) {
    }

    private Recency() {
    }

    static Optional<Instant> lastActive(Candidate member, EvaluationContext context, ActivityData data) {
        PerMember<Optional<Instant>> events = context.memo(new Key(data), () -> new PerMember<>(
                userId -> data.lastActivity(context.orgId(), userId),
                () -> data.lastActivities(context.orgId()).entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, e -> Optional.of(e.getValue()))),
                Optional.empty()));
        Optional<Instant> event = events.of(member.userId());
        Instant login = member.profile().lastLoginAt();
        if (login == null) {
            return event;
        }
        return Optional.of(event.filter(at -> at.isAfter(login)).orElse(login));
    }

    /** The start of a window of {@code days} days ending at {@code now}; activity counts when strictly after it. */
    static Instant windowStart(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }

    static String describe(Optional<Instant> lastActive) {
        return lastActive.map(at -> "last active " + at).orElse("never active");
    }
}
