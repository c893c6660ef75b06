package circles.application.permissions;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

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
}
