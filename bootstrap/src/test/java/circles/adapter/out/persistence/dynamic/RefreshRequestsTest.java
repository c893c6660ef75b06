package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.RefreshClaims.Claim;
import circles.application.port.out.dynamic.RefreshClaims.State;
import circles.domain.group.Group;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims and due times: a claimed group counts as due (so the schedule takes it over should its claimer die), and a
 * refresh asked for while the group is evaluated is not lost when the evaluation ends.
 */
@QuarkusTest
class RefreshRequestsTest extends DynamicGroupsTest {
    private static final Duration LEASE = Duration.ofMinutes(10);

    /** Tomorrow, so that no scheduled run of another test finds these groups due. */
    private final Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private State state(Organization org, Group group) {
        return tx(() -> claims.state(group.id(), org.id())).orElseThrow();
    }

    @Test
    void a_claimed_group_is_due_from_its_claim_and_its_release_sets_the_next_time() {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        inTx(() -> claims.schedule(group.id(), org.id(), 60, start.plus(30, ChronoUnit.MINUTES)));

        Claim claim = tx(() -> claims.claim(group.id(), org.id(), start, LEASE)).orElseThrow();
        assertThat(state(org, group).nextRefreshAt()).isEqualTo(start);
        assertThat(tx(() -> claims.claim(group.id(), org.id(), start.plusSeconds(1), LEASE))).isEmpty();

        Instant next = start.plus(60, ChronoUnit.MINUTES);
        inTx(() -> claims.release(claim, null, next));
        assertThat(state(org, group).nextRefreshAt()).isEqualTo(next);
    }

    @Test
    void a_refresh_asked_for_while_the_group_is_evaluated_outlives_the_release() {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        Claim first = tx(() -> claims.claim(group.id(), org.id(), start, LEASE)).orElseThrow();
        Instant asked = start.plusSeconds(5);
        inTx(() -> claims.schedule(group.id(), org.id(), 0, asked));

        inTx(() -> claims.release(first, null, null));
        assertThat(state(org, group).nextRefreshAt()).isEqualTo(asked);

        Claim second = tx(() -> claims.claim(group.id(), org.id(), asked, LEASE)).orElseThrow();
        inTx(() -> claims.schedule(group.id(), org.id(), 60, asked.plus(2, ChronoUnit.HOURS)));
        inTx(() -> claims.release(second, "failed", asked.plus(1, ChronoUnit.HOURS)));
        assertThat(state(org, group).nextRefreshAt()).isEqualTo(asked.plus(1, ChronoUnit.HOURS));
    }
}
