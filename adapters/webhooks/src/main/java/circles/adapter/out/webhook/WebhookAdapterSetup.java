package circles.adapter.out.webhook;

import circles.application.port.out.webhook.WebhookSender;
import circles.application.port.out.webhook.WebhookUrlPolicy;
import circles.domain.shared.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook sender and URL policy of this service, configured by {@code circles.webhooks.allowed-hosts} (hosts
 * that may use http and non-public addresses: local receivers in tests and development; none in production) and
 * {@code circles.webhooks.timeout} (per attempt).
 */
@ApplicationScoped
public class WebhookAdapterSetup {

    @ConfigProperty(name = "circles.webhooks.allowed-hosts")
    Optional<List<String>> allowedHosts;

    @ConfigProperty(name = "circles.webhooks.timeout", defaultValue = "15s")
    Duration timeout;

    @Produces
    @Singleton
    WebhookTargets webhookTargets() {
        return WebhookTargets.withSystemResolver(Set.copyOf(allowedHosts.orElse(List.of())));
    }

    @Produces
    @Singleton
    WebhookSender webhookSender(WebhookTargets targets, Clock clock) {
        return new JdkWebhookSender(targets, timeout, null, clock);
    }

    /** The kept-alive connections of the sender close with the application. */
    void closeSender(@jakarta.enterprise.inject.Disposes WebhookSender sender) {
        if (sender instanceof JdkWebhookSender jdk) {
            jdk.close();
        }
    }

    @Produces
    @Singleton
    WebhookUrlPolicy webhookUrlPolicy(WebhookTargets targets) {
        return (url, field) -> {
            try {
                targets.checkSyntax(url);
            } catch (WebhookTargets.Refused refused) {
                throw RuleViolation.invalidField(field, refused.getMessage());
            }
        };
    }
}
