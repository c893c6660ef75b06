package circles.adapter.in.scheduler;

import circles.adapter.in.rest.TestOrg;
import circles.application.port.in.feed.PurgePublicEventsUseCase;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventType;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.org.OrgId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention of the public event log: events older than the configured seven days go, recent ones stay. */
@QuarkusTest
class PublicEventRetentionJobTest {
    @Inject
    PublicEventRetentionJob job;
    @Inject
    PurgePublicEventsUseCase purge;
    @Inject
    PublicEventLog log;
    @Inject
    UnitOfWork tx;
    @Inject
    TenantScope tenant;

    @Test
    void events_older_than_the_retention_are_deleted_and_recent_ones_kept() {
        OrgId org = new OrgId(UUID.fromString(TestOrg.create().id));
        UUID old = append(org, Instant.now().minus(8, ChronoUnit.DAYS));
        UUID recent = append(org, Instant.now().minus(6, ChronoUnit.DAYS));

        job.run();

        // The feed shows an event once every older transaction ended: wait for the recent one, then look.
        Instant deadline = Instant.now().plusSeconds(10);
        Set<UUID> left = left(org);
        while (!left.contains(recent) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            left = left(org);
        }
        assertThat(left).contains(recent).doesNotContain(old);
        assertThat(purge.purgeExpired()).isZero();
    }

    private Set<UUID> left(OrgId org) {
        return tx.inTransaction(() -> {
            tenant.enter(org);
            return Set.copyOf(log.read(org, null, Set.of(PublicEventType.GROUP_UPDATED), 100).events().stream()
                    .map(event -> event.event().id()).toList());
        });
    }

    private UUID append(OrgId org, Instant at) {
        UUID id = UUID.randomUUID();
        tx.inTransaction(() -> {
            tenant.enter(org);
            log.append(new PublicEventLog.PublicEvent(id, org, PublicEventType.GROUP_UPDATED,
                    UUID.randomUUID().toString(), at, Map.of()));
            return null;
        });
        return id;
    }
}
