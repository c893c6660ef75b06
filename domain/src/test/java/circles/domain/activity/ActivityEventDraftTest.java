package circles.domain.activity;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityEventDraftTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant OLDEST = NOW.minus(Duration.ofDays(90));

    private static ActivityEventDraft.Checked check(String eventId, String userId, String type, String at, Long qty) {
        return new ActivityEventDraft(eventId, userId, type, at, qty).check(NOW, OLDEST);
    }

    @Test
    void a_complete_event_is_valid_and_quantity_defaults_to_one() {
        ActivityEventDraft.Checked checked = check("e-1", "ana", "lesson_progress", "2026-06-01T11:00:00Z", null);

        assertThat(checked.valid()).isTrue();
        assertThat(checked.event()).isEqualTo(new ActivityEvent("e-1", UserId.of("ana"), ActivityType.LESSON_PROGRESS,
                Instant.parse("2026-06-01T11:00:00Z"), 1));
    }

    @Test
    void every_missing_field_is_reported_at_once() {
        assertThat(check(null, " ", null, null, null).errors()).extracting(FieldError::field)
                .containsExactly("eventId", "userId", "type", "occurredAt");
    }

    @Test
    void unknown_types_bad_times_and_quantities_out_of_range_are_reported() {
        assertThat(check("e", "ana", "Login", "2026-06-01T11:00:00Z", 1L).errors()).extracting(FieldError::field)
                .containsExactly("type");
        assertThat(check("e", "ana", "login", "yesterday", 1L).errors()).extracting(FieldError::field)
                .containsExactly("occurredAt");
        assertThat(check("e", "ana", "login", "2026-06-01T11:00:00Z", 0L).errors()).extracting(FieldError::field)
                .containsExactly("quantity");
        assertThat(check("e", "ana", "login", "2026-06-01T11:00:00Z", 10_001L).errors()).extracting(FieldError::field)
                .containsExactly("quantity");
        assertThat(check("e", "ana", "login", "2026-06-01T11:00:00Z", 10_000L).valid()).isTrue();
        assertThat(check("x".repeat(201), "ana", "login", "2026-06-01T11:00:00Z", 1L).errors())
                .extracting(FieldError::field).containsExactly("eventId");
    }

    @Test
    void an_event_may_lie_up_to_five_minutes_ahead_of_the_server_but_not_more() {
        assertThat(check("e", "ana", "login", NOW.plus(Duration.ofMinutes(5)).toString(), 1L).valid()).isTrue();
        assertThat(check("e", "ana", "login", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).toString(), 1L).errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("occurredAt");
                    assertThat(error.message()).contains("future");
                });
    }

    @Test
    void an_event_older_than_the_raw_retention_is_refused_because_a_repeat_could_not_be_recognised() {
        assertThat(check("e", "ana", "login", OLDEST.toString(), 1L).errors()).extracting(FieldError::field)
                .containsExactly("occurredAt");
        assertThat(check("e", "ana", "login", OLDEST.plusSeconds(1).toString(), 1L).valid()).isTrue();
    }
}
