package circles.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {
    private static final Instant FAILED = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void retries_follow_the_schedule_within_a_tenth_either_way_and_end_after_the_seventh() {
        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        for (double random : new double[] {0.0, 0.5, 0.999}) {
            RetrySchedule schedule = new RetrySchedule(() -> random);
            List<Duration> delays = new ArrayList<>();
            for (int attempt = 1; attempt <= 7; attempt++) {
                delays.add(Duration.between(FAILED, schedule.next(attempt, FAILED, null).orElseThrow()));
            }
            for (int i = 0; i < expected.size(); i++) {
                long base = expected.get(i).toMillis();
                assertThat(delays.get(i).toMillis()).isBetween(Math.round(base * 0.9), Math.round(base * 1.1));
            }
            assertThat(schedule.next(8, FAILED, null)).isEmpty();
        }
        assertThat(new RetrySchedule(() -> 0.5).next(1, FAILED, null)).contains(FAILED.plusSeconds(5));
        assertThat(new RetrySchedule(() -> 0.0).next(2, FAILED, null)).contains(FAILED.plusSeconds(270));
    }

    @Test
    void retry_after_replaces_the_delay_up_to_an_hour() {
        RetrySchedule schedule = new RetrySchedule(() -> 0.5);

        assertThat(schedule.next(1, FAILED, Duration.ofMinutes(20))).contains(FAILED.plus(Duration.ofMinutes(20)));
        assertThat(schedule.next(1, FAILED, Duration.ofHours(6))).contains(FAILED.plus(Duration.ofHours(1)));
        assertThat(schedule.next(7, FAILED, Duration.ofMinutes(1))).contains(FAILED.plus(Duration.ofMinutes(1)));
        assertThat(schedule.next(8, FAILED, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void an_endpoint_failing_for_five_days_is_disabled_with_the_reason_and_a_success_resets_the_count() {
        Webhook webhook = Webhook.create(new circles.domain.org.OrgId(java.util.UUID.randomUUID()),
                "https://hooks.example.com/a", null, java.util.Set.of("circles.group.created"), null,
                WebhookSecret.generate(), null, FAILED);

        assertThat(webhook.deliveryFailed(FAILED)).isFalse();
        assertThat(webhook.deliveryFailed(FAILED.plus(Duration.ofDays(4)))).isFalse();
        webhook.deliverySucceeded();
        assertThat(webhook.deliveryFailed(FAILED.plus(Duration.ofDays(5)))).isFalse();
        assertThat(webhook.enabled()).isTrue();
        assertThat(webhook.deliveryFailed(FAILED.plus(Duration.ofDays(10)))).isTrue();
        assertThat(webhook.enabled()).isFalse();
        assertThat(webhook.disabledReason()).contains("5 days");

        webhook.enable(FAILED.plus(Duration.ofDays(11)));
        assertThat(webhook.failingSince()).isNull();
        assertThat(webhook.disabledReason()).isNull();
    }
}
