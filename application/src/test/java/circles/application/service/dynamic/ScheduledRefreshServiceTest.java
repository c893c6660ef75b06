package circles.application.service.dynamic;

import circles.application.RefreshCircles;
import circles.application.port.in.dynamic.RunScheduledRefreshesUseCase;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.membership.MembershipHistory;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.rule.Rule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static circles.application.InMemoryDynamicGroups.users;
import static circles.application.RefreshCircles.allMembers;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduledRefreshServiceTest {
    private final RefreshCircles app = new RefreshCircles();
    private final OrgId acme = app.circles.org("acme", "ana");

    {
        app.circles.joinOrg(acme, OrgRole.MEMBER, "bo");
    }

    private RefreshClaims.State state(Group group) {
        return app.dynamic.claims.state(group.id(), acme).orElseThrow();
    }

    @Test
    void evaluates_the_groups_that_are_due_with_the_cause_schedule_and_leaves_the_others() {
        Group hourly = app.dynamicGroup(acme, "ana", "Hourly", allMembers(), 60);
        Group daily = app.dynamicGroup(acme, "ana", "Daily", allMembers(), 1_440);
        Group unscheduled = app.dynamicGroup(acme, "ana", "Unscheduled", allMembers(), 0);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");

        assertThat(app.scheduled.runDue().isEmpty()).isTrue();

        app.circles.clock.advance(Duration.ofMinutes(60));
        Instant now = app.circles.clock.instant();
        RunScheduledRefreshesUseCase.Report report = app.scheduled.runDue();

        assertThat(report.evaluated()).containsExactly(hourly.id());
        assertThat(report.failed()).isEmpty();
        assertThat(app.dynamic.snapshot(hourly.id())).isEqualTo(users("ana", "bo", "cy"));
        assertThat(app.dynamic.history(hourly.id())).last().satisfies(event -> {
            assertThat(event.userId()).isEqualTo(UserId.of("cy"));
            assertThat(event.cause()).isEqualTo(MembershipHistory.Cause.SCHEDULE);
            assertThat(event.occurredAt()).isEqualTo(now);
        });
        assertThat(state(hourly).status()).isEqualTo(RefreshClaims.Status.IDLE);
        assertThat(state(hourly).lastComputedAt()).isEqualTo(now);
        assertThat(state(hourly).nextRefreshAt()).isEqualTo(now.plus(Duration.ofMinutes(60)));
        assertThat(app.dynamic.snapshot(daily.id())).isEqualTo(users("ana", "bo"));
        assertThat(app.dynamic.snapshot(unscheduled.id())).isEqualTo(users("ana", "bo"));
        assertThat(state(unscheduled).nextRefreshAt()).isNull();

        assertThat(app.scheduled.runDue().isEmpty()).isTrue();
        app.circles.clock.advance(Duration.ofMinutes(60));
        assertThat(app.scheduled.runDue().evaluated()).containsExactly(hourly.id());
    }

    @Test
    void a_failing_group_is_marked_failed_keeps_its_members_and_holds_back_no_other_group() {
        Group broken = app.dynamicGroup(acme, "ana", "Broken", allMembers(), 10);
        Group healthy = app.dynamicGroup(acme, "ana", "Healthy", allMembers(), 10);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        app.dynamic.failWrites(broken.id());

        app.circles.clock.advance(Duration.ofMinutes(10));
        Instant failedAt = app.circles.clock.instant();
        RunScheduledRefreshesUseCase.Report report = app.scheduled.runDue();

        assertThat(report.failed()).containsExactly(broken.id());
        assertThat(report.evaluated()).containsExactly(healthy.id());
        assertThat(app.dynamic.snapshot(broken.id())).isEqualTo(users("ana", "bo"));
        assertThat(app.dynamic.snapshot(healthy.id())).isEqualTo(users("ana", "bo", "cy"));
        RefreshClaims.State failed = state(broken);
        assertThat(failed.status()).isEqualTo(RefreshClaims.Status.FAILED);
        assertThat(failed.lastError()).startsWith("the evaluation failed unexpectedly (incident ")
                .doesNotContain("storage refused");
        assertThat(failed.nextRefreshAt()).isEqualTo(failedAt.plus(Duration.ofMinutes(10)));

        app.dynamic.healWrites(broken.id());
        app.circles.clock.advance(Duration.ofMinutes(10));
        assertThat(app.scheduled.runDue().evaluated()).containsExactlyInAnyOrder(broken.id(), healthy.id());
        assertThat(state(broken).status()).isEqualTo(RefreshClaims.Status.IDLE);
        assertThat(state(broken).lastError()).isNull();
        assertThat(app.dynamic.snapshot(broken.id())).isEqualTo(users("ana", "bo", "cy"));
    }

    @Test
    void a_stored_rule_whose_regex_is_over_the_bound_fails_its_scheduled_refresh_with_the_reason() {
        Group hostile = app.dynamicGroup(acme, "ana", "Hostile", allMembers(), 10);
        Group healthy = app.dynamicGroup(acme, "ana", "Healthy", allMembers(), 10);
        // As if saved before the bound existed: the stored form only, never compiled.
        app.circles.tx.run(() -> app.dynamic.definitions.saveRule(hostile.id(), acme,
                storedRegex("((a{1000}){1000}){1000}")));
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");

        app.circles.clock.advance(Duration.ofMinutes(10));
        RunScheduledRefreshesUseCase.Report report = app.scheduled.runDue();

        assertThat(report.failed()).containsExactly(hostile.id());
        assertThat(report.evaluated()).containsExactly(healthy.id());
        assertThat(app.dynamic.snapshot(hostile.id())).isEqualTo(users("ana", "bo"));
        assertThat(state(hostile).status()).isEqualTo(RefreshClaims.Status.FAILED);
        assertThat(state(hostile).lastError()).startsWith("regex too complex: /value the regular expression would"
                + " compile to up to 1002002002 instructions, more than the 2000 allowed");
    }

    /** An attribute criterion with a regex, as the store keeps it: its configuration, never compiled here. */
    private static Rule storedRegex(String pattern) {
        return new Rule.Leaf(new Criterion() {
            @Override
            public String type() {
                return "attribute";
            }

            @Override
            public Map<String, Object> config() {
                return Map.of("field", "jobTitle", "operator", "regex", "value", pattern, "caseSensitive", false);
            }

            @Override
            public Outcome matches(Candidate member, EvaluationContext context) {
                throw new UnsupportedOperationException("a stored rule is judged only after it is read back");
            }
        });
    }

    @Test
    void works_through_more_due_groups_than_one_claim_takes() {
        app.dynamic.settings.claimBatch(2);
        List<GroupId> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(app.dynamicGroup(acme, "ana", "Group " + i, allMembers(), 5).id());
        }
        app.circles.clock.advance(Duration.ofMinutes(5));

        assertThat(app.scheduled.runDue().evaluated()).containsExactlyInAnyOrderElementsOf(due);
        assertThat(app.scheduled.runDue().isEmpty()).isTrue();
    }

    @Test
    void a_group_being_evaluated_elsewhere_is_left_alone_until_its_claim_runs_out() {
        Group group = app.dynamicGroup(acme, "ana", "Busy", allMembers(), 5);
        app.circles.clock.advance(Duration.ofMinutes(5));
        app.circles.tx.run(() -> app.dynamic.claims.claim(group.id(), acme, app.circles.clock.instant(),
                app.dynamic.settings.lease()));

        assertThat(app.scheduled.runDue().isEmpty()).isTrue();

        app.circles.clock.advance(app.dynamic.settings.lease());
        assertThat(app.scheduled.runDue().evaluated()).containsExactly(group.id());
    }
}
