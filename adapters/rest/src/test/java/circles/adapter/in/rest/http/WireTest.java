package circles.adapter.in.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void times_in_the_years_0001_to_9999_are_taken_whatever_their_offset() {
        assertThat(Wire.parseTime("0001-01-01T00:00:00Z")).contains(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(Wire.parseTime("9999-12-31T23:59:59.999999999Z")).contains(Wire.LATEST);
        assertThat(Wire.parseTime("2026-01-31T12:00:00+02:00")).contains(Instant.parse("2026-01-31T10:00:00Z"));
    }

    @Test
    void times_outside_the_years_0001_to_9999_are_refused_like_malformed_ones() {
        for (String text : new String[] {"+999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "0000-12-31T23:59:59Z", "-4714-01-01T00:00:00Z", "9999-12-31T23:00:00-01:00",
                "0001-01-01T00:30:00+01:00", "+999999999-12-31T23:59:59Z", "yesterday"}) {
            assertThat(Wire.parseTime(text)).as(text).isEmpty();
        }
    }
}
