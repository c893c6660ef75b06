package circles.adapter.out.persistence.webhook;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.count;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.webhook.WebhookDeliveryQueue;
import circles.application.port.out.webhook.WebhookRepository;
import circles.application.port.out.webhook.WebhookSender;
import circles.domain.actor.UserId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.webhook.Webhook;
import circles.domain.webhook.WebhookSecret;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The second wall around webhook endpoints, their deliveries and attempts, connected exactly as the application is. */
@QuarkusTest
class WebhookRowLevelSecurityTest extends PersistenceTest {
    private static final List<String> TABLES = List.of("webhooks", "webhook_deliveries", "webhook_delivery_attempts",
            "webhook_relay_positions");
    private static final List<String> FILLED = List.of("webhooks", "webhook_deliveries", "webhook_delivery_attempts");

    @Inject
    WebhookRepository webhooks;
    @Inject
    WebhookDeliveryQueue queue;

    private Organization orgA;
    private Organization orgB;

    @BeforeEach
    void twoOrgsWithWebhooks() {
        orgA = newOrg();
        orgB = newOrg();
        fill(orgA);
        fill(orgB);
    }

    private void fill(Organization org) {
        UserId admin = user("admin");
        newOrgMember(org.id(), admin, OrgRole.ADMIN);
        Webhook webhook = Webhook.create(org.id(), "https://hooks.example.com/" + org.id(), null,
                Set.of("circles.group.created"), null, WebhookSecret.generate(), admin, now());
        WebhookSender.Event event = new WebhookSender.Event(UUID.randomUUID(), "circles.group.created",
                "/orgs/" + org.id(), UUID.randomUUID().toString(), now(), Map.of(), Map.of(), null);
        WebhookSender.Attempt attempt = new WebhookSender.Attempt(WebhookSender.Outcome.FAILED, 500,
                java.time.Duration.ofMillis(5), "the receiver answered 500", null, false);
        inTx(() -> {
            tenant.enter(org.id());
            webhooks.save(webhook);
            queue.recordSent(org.id(), webhook.id(), event, attempt, now());
        });
    }

    @Test
    void the_tables_force_row_level_security_and_hide_and_protect_another_orgs_rows() throws SQLException {
        try (Connection connection = connectAsApplication()) {
            for (String table : TABLES) {
                try (ResultSet flags = connection.createStatement().executeQuery("select relrowsecurity,"
                        + " relforcerowsecurity from pg_class where oid = '" + table + "'::regclass")) {
                    assertThat(flags.next()).isTrue();
                    assertThat(flags.getBoolean(1)).as(table + " enables RLS").isTrue();
                    assertThat(flags.getBoolean(2)).as(table + " forces RLS").isTrue();
                }
            }
            connection.setAutoCommit(false);
            for (String table : FILLED) {
                assertThat(count(connection, table, "org_id is not null")).as(table + " without a setting").isZero();
            }
            set(connection, "circles.org_id", orgB.id().toString());
            for (String table : FILLED) {
                assertThat(count(connection, table, "org_id = '" + orgA.id() + "'")).as(table + ": A from B").isZero();
                assertThat(count(connection, table, "org_id = '" + orgB.id() + "'")).as(table + ": B from B")
                        .isPositive();
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table
                        + " where org_id = '" + orgA.id() + "'")) {
                    assertThat(delete.executeUpdate()).as(table + ": A deleted from B").isZero();
                }
            }
            connection.rollback();
        }
    }
}
