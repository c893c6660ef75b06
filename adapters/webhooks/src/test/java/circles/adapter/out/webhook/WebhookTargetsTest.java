package circles.adapter.out.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetsTest {
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, List<String>> dns = Map.of(
            "hooks.example.com", List.of("93.184.215.14"),
            "rebound.example.com", List.of("93.184.215.14", "10.0.0.7"),
            "metadata.example.com", List.of("169.254.169.254"));
    private final WebhookTargets targets = new WebhookTargets(Set.of("receiver.local"), host -> {
        lookups.incrementAndGet();
        List<String> found = dns.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found.stream().map(WebhookTargetsTest::address).toList();
    });

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/a", "https://10.0.0.1/a", "https://[::1]/a",
            "https://169.254.169.254/", "https://localhost/a", "https://api.localhost/a", "https://intranet/a",
            "https://metadata.google.internal/", "https://printer.local/", "https://u:p@hooks.example.com/",
            "mailto:a@example.com", "hooks.example.com/a", "https:///a", "https://[fd12::1]:8443/"})
    void urls_that_are_plainly_internal_or_not_https_are_refused_without_a_lookup(String url) {
        assertThatThrownBy(() -> targets.checkSyntax(url)).isInstanceOf(WebhookTargets.Refused.class);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void a_public_name_is_pinned_to_its_checked_address() throws Exception {
        WebhookTargets.Target target = targets.resolve("https://hooks.example.com:8443/in?x=1");

        assertThat(target.pinned()).isEqualTo(address("93.184.215.14"));
        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(8443);
    }

    @Test
    void a_name_with_any_non_public_address_is_refused_at_connect_time() {
        assertThatThrownBy(() -> targets.resolve("https://rebound.example.com/a"))
                .isInstanceOf(WebhookTargets.Refused.class).hasMessageContaining("10.0.0.7");
        assertThatThrownBy(() -> targets.resolve("https://metadata.example.com/a"))
                .isInstanceOf(WebhookTargets.Refused.class).hasMessageContaining("169.254.169.254");
    }

    @Test
    void a_name_that_does_not_resolve_is_a_failure_to_retry_not_a_refusal() {
        assertThatThrownBy(() -> targets.resolve("https://gone.example.com/a"))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void an_allowed_host_may_use_http_and_is_reached_by_name() throws Exception {
        WebhookTargets.Target target = targets.resolve("http://receiver.local:8080/in");

        assertThat(target.pinned()).isNull();
        assertThat(lookups).hasValue(0);
    }
}
