package circles.application.permissions;

import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of the permission model against one level: each call goes to both the rules and the level; the outcomes
 * must agree, and after every step the level must hold exactly what the entitled grants of the model give.
 */
public final class PermissionRun {
    private final PermissionModel model = new PermissionModel();
    private final PermissionRules rules = new PermissionRules(model);
    private final PermissionDriver driver;
    private final boolean sightEveryStep;
    private final boolean statistics;
    private final List<String> steps = new ArrayList<>();
    private final Map<Verdict.Outcome, Integer> outcomes = new EnumMap<>(Verdict.Outcome.class);

    /**
     * {@code sightEveryStep}: whether every person's sight is compared after each step that changed the world, or
     * only at the end (the tree and the memberships are compared after every step).
     */
    public PermissionRun(PermissionDriver driver, boolean sightEveryStep) {
        this(driver, sightEveryStep, false);
    }

    /** {@code statistics}: whether jqwik's statistics count the outcomes per kind of call (inside a property). */
    public PermissionRun(PermissionDriver driver, boolean sightEveryStep, boolean statistics) {
        this.driver = driver;
        this.sightEveryStep = sightEveryStep;
        this.statistics = statistics;
    }

    public PermissionModel model() {
        return model;
    }

    public PermissionRules rules() {
        return rules;
    }

    /** How many calls of this run ended in each outcome (all of them as the rules said). */
    public Map<Verdict.Outcome, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** The call is made by the level and judged by the rules; an allowed call changes the model. */
    public void step(PermissionCall call) {
        if (!model.makesSense(call)) {
            return;
        }
        steps.add(call.toString());
        String before = model.fingerprint();
        Verdict expected = rules.decide(call);
        Verdict.Outcome actual = driver.perform(call);
        if (statistics) {
            Statistics.label("outcomes").collect(call.getClass().getSimpleName(), expected.outcome());
        }
        if (actual != expected.outcome()) {
            throw new AssertionError("'" + call + "' ended " + actual + " (" + actual.status + ") but the rules say "
                    + expected);
        }
        outcomes.merge(actual, 1, Integer::sum);
        if (expected.isDone()) {
            model.apply(call, expected);
        }
        checkState(sightEveryStep && !before.equals(model.fingerprint()));
    }

    /** What the level holds is what the model's entitled grants give, no more and no less. */
    public void checkState(boolean withSight) {
        List<String> unentitled = model.unentitledGrants();
        if (!unentitled.isEmpty()) {
            throw new AssertionError("grants nobody entitled gave: " + unentitled);
        }
        expectEqual("group tree", model.parents(), driver.parents());
        expectEqual("memberships", model.memberships(), driver.memberships());
        if (withSight) {
            Map<String, Set<String>> expected = new TreeMap<>();
            Map<String, Set<String>> actual = new TreeMap<>();
            for (String person : PermissionModel.PEOPLE) {
                expected.put(person, rules.sightOf(person));
                actual.put(person, driver.sightOf(person));
            }
            expectEqual("sight of groups", expected, actual);
            Map<String, Set<String>> expectedEffective = new TreeMap<>();
            Map<String, Set<String>> actualEffective = new TreeMap<>();
            for (String person : PermissionModel.PEOPLE) {
                Set<String> observed = driver.effectiveGroupsOf(person);
                if (observed != null) {
                    expectedEffective.put(person, rules.effectiveGroupsOf(person));
                    actualEffective.put(person, observed);
                }
            }
            expectEqual("active effective memberships", expectedEffective, actualEffective);
        }
    }

    private void expectEqual(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + " after '" + (steps.isEmpty() ? "the start" : steps.getLast()) + "' is\n  " + actual
                    + "\nbut the rules give\n  " + expected);
        }
    }

    @Override
    public String toString() {
        return "permission run of " + steps.size() + " calls";
    }
}
