package circles.adapter.in.rest.permissions;

import circles.application.permissions.PermissionActions;
import circles.application.permissions.PermissionRun;
import circles.application.permissions.Verdict;
import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permission model of the use-case test, driven over HTTP (REST and SCIM, on PostgreSQL) with a fixed seed: the
 * same callers, calls and rules; every answer must carry the status the rules give, the memberships and the group
 * tree must match the model after every step, and everyone's sight of the groups at the end of each run. The
 * sequences come from the same generator as the use-case test (drawn here with a fixed seed, since the running
 * application belongs to the JUnit test: a jqwik session outside a property).
 */
@QuarkusTest
class PermissionModelApiTest {
    private static final long SEED = 20261207L;
    private static final int RUNS = 3;
    private static final int STEPS = 25;

    @Test
    void every_call_over_http_ends_as_the_permission_rules_say() {
        Arbitrary<ActionChain<PermissionRun>> chains =
                PermissionActions.chains(() -> new PermissionRun(new RestDriver(), false), STEPS);
        Random random = new Random(SEED);
        long start = System.nanoTime();
        Map<Verdict.Outcome, Integer> outcomes = new EnumMap<>(Verdict.Outcome.class);
        JqwikSession.start(String.valueOf(SEED));
        try {
            for (int run = 1; run <= RUNS; run++) {
                ActionChain<PermissionRun> chain = chains.generator(STEPS).next(random).value();
                try {
                    PermissionRun done = chain.run();
                    done.checkState(true);
                    done.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
                } catch (AssertionError failure) {
                    throw new AssertionError("run " + run + " of seed " + SEED + " failed after "
                            + chain.transformations() + "\n" + failure.getMessage(), failure);
                }
            }
        } finally {
            JqwikSession.finish();
        }
        // The fixed seed plays allowed calls and refusals of each kind, not a run that only ever succeeds or fails.
        assertThat(outcomes).containsKeys(Verdict.Outcome.DONE, Verdict.Outcome.FORBIDDEN,
                Verdict.Outcome.NOT_FOUND, Verdict.Outcome.UNPROCESSABLE);
        System.out.printf("permission model over HTTP: %d runs of %d calls in %.1f s%n", RUNS, STEPS,
                (System.nanoTime() - start) / 1e9);
    }
}
