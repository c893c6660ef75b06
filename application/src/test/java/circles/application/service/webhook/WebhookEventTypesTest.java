package circles.application.service.webhook;

import circles.application.port.out.event.PublicEventType;
import circles.domain.webhook.WebhookEventTypes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEventTypesTest {

    @Test
    void webhooks_subscribe_to_exactly_the_types_of_the_public_event_log() {
        assertThat(WebhookEventTypes.KNOWN).containsExactlyElementsOf(
                Arrays.stream(PublicEventType.values()).map(PublicEventType::wireName).toList());
    }
}
