package circles.adapter.in.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.domain.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void a_version_tag_is_the_version_in_quotes() {
        assertThat(ETags.of(3)).isEqualTo("\"3\"");
    }

    @Test
    void if_match_names_a_version_strong_or_weak() {
        assertThat(ETags.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(ETags.expectedVersion(" W/\"7\" ")).isEqualTo(7L);
    }

    @Test
    void an_absent_header_or_a_star_expects_nothing() {
        assertThat(ETags.expectedVersion(null)).isNull();
        assertThat(ETags.expectedVersion("*")).isNull();
    }

    @Test
    void a_well_formed_tag_that_is_no_version_never_matches() {
        assertThat(ETags.expectedVersion("\"abc\"")).isEqualTo(-1L);
    }

    @Test
    void a_malformed_header_is_invalid_input() {
        for (String malformed : new String[] {"7", "\"7", "W/7", "\"1\", \"2\"", "\"a\"b\""}) {
            assertThatThrownBy(() -> ETags.expectedVersion(malformed)).as(malformed)
                    .isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void an_opaque_tag_is_stable_and_compared_without_its_weak_prefix() {
        String tag = ETags.opaque("representation");

        assertThat(tag).isEqualTo(ETags.opaque("representation")).isNotEqualTo(ETags.opaque("other"));
        assertThatCode(() -> ETags.requireMatch("W/" + tag, tag)).doesNotThrowAnyException();
        assertThatCode(() -> ETags.requireMatch(null, tag)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ETags.requireMatch(ETags.opaque("other"), tag))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> assertThat(problem.status()).isEqualTo(412));
    }
}
