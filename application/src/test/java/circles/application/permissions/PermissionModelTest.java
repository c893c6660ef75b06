package circles.application.permissions;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The org's permission rules, checked by a model: random sequences of calls by random callers against the use
 * cases on in-memory ports. Every call the rules allow succeeds, every other one is refused with the status the
 * rules give, and after every step the memberships, the group tree and everyone's sight of the groups are exactly
 * what the entitled grants give.
 */
class PermissionModelTest {

    @Property(tries = 1000)
    void every_call_by_every_caller_ends_as_the_permission_rules_say(
            @ForAll("calls") ActionChain<PermissionRun> chain) {
        chain.run().checkState(true);
    }

    @Provide
    Arbitrary<ActionChain<PermissionRun>> calls() {
        return PermissionActions.chains(() -> new PermissionRun(new UseCaseDriver(), true, true), 30);
    }

    @Example
    void the_generated_calls_reach_every_outcome_the_rules_give() {
        Random random = new Random(20261207L);
        Map<Verdict.Outcome, Integer> outcomes = new EnumMap<>(Verdict.Outcome.class);
        for (int run = 0; run < 20; run++) {
            PermissionRun done = calls().generator(30).next(random).value().run();
            done.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
        }
        assertThat(outcomes).containsKeys(Verdict.Outcome.DONE, Verdict.Outcome.FORBIDDEN,
                Verdict.Outcome.NOT_FOUND, Verdict.Outcome.UNPROCESSABLE);
    }
}
