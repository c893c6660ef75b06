package circles.application.service.dynamic;

import circles.application.RefreshCircles;
import circles.application.port.in.dynamic.EvaluationFailed;
import circles.application.port.in.dynamic.GroupEvaluationView;
import circles.application.port.in.dynamic.GroupRuleUseCase;
import circles.application.port.in.dynamic.RefreshGroupUseCase;
import circles.application.port.in.dynamic.RenewRefreshClaimsUseCase;
import circles.application.port.out.membership.MembershipHistory;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static circles.application.InMemoryDynamicGroups.users;
import static circles.application.RefreshCircles.allMembers;
import static circles.application.RefreshCircles.memberOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GroupRefreshServiceTest {
    private final RefreshCircles app = new RefreshCircles();
    private final OrgId acme = app.circles.org("acme", "ana");

    {
        app.circles.joinOrg(acme, OrgRole.MEMBER, "bo");
    }

    private GroupEvaluationView evaluation(Group group) {
        app.circles.as("ana");
        return app.refreshes.evaluation(group.id());
    }

    @Test
    void a_group_of_a_small_org_is_refreshed_while_the_caller_waits() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 30);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        app.circles.clock.advance(Duration.ofMinutes(1));
        Instant now = app.circles.clock.instant();
        var mark = app.circles.auditMark();

        app.circles.as("ana");
        RefreshGroupUseCase.Outcome outcome = app.refreshes.refresh(group.id());

        assertThat(outcome).isEqualTo(new RefreshGroupUseCase.Result(
                new circles.application.port.in.dynamic.EvaluationView("idle", now, 0L, null), 3, 1, 0, 2));
        assertThat(app.dynamic.history(group.id())).last().satisfies(event -> {
            assertThat(event.userId()).isEqualTo(UserId.of("cy"));
            assertThat(event.cause()).isEqualTo(MembershipHistory.Cause.MANUAL_REFRESH);
        });
        assertThat(evaluation(group).nextRefreshAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(mark.events()).extracting(AuditEvent::action).containsExactly("group.refreshed");
        assertThat(mark.events().getFirst().actorId()).isEqualTo(UserId.of("ana"));
    }

    @Test
    void a_group_of_a_large_org_is_refreshed_in_the_background_and_not_twice_at_once() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        app.dynamic.settings.syncMemberLimit(2);
        Instant requestedAt = app.circles.clock.instant();

        app.circles.as("ana");
        RefreshGroupUseCase.Outcome outcome = app.refreshes.refresh(group.id());

        assertThat(outcome).isInstanceOfSatisfying(RefreshGroupUseCase.Accepted.class, accepted -> {
            assertThat(accepted.state().groupId()).isEqualTo(group.id());
            assertThat(accepted.state().evaluation().status()).isEqualTo("evaluating");
            assertThat(accepted.state().evaluationStartedAt()).isEqualTo(requestedAt);
            assertThat(accepted.state().memberCount()).isEqualTo(2);
        });
        assertThat(app.dynamic.background.queued()).isEqualTo(1);
        assertThat(evaluation(group).evaluation().status()).isEqualTo("evaluating");
        assertThat(catchThrowableOfType(Conflict.class, () -> app.refreshes.refresh(group.id())).code())
                .isEqualTo("group-evaluating");
        assertThat(app.dynamic.snapshot(group.id())).isEqualTo(users("ana", "bo"));

        app.circles.clock.advance(Duration.ofSeconds(5));
        app.circles.as("someone-else");
        app.dynamic.background.runAll();

        GroupEvaluationView done = evaluation(group);
        assertThat(done.evaluation().status()).isEqualTo("idle");
        assertThat(done.evaluation().lastComputedAt()).isEqualTo(requestedAt.plusSeconds(5));
        assertThat(done.memberCount()).isEqualTo(3);
        assertThat(done.evaluationStartedAt()).isNull();
        assertThat(app.dynamic.snapshot(group.id())).isEqualTo(users("ana", "bo", "cy"));
        assertThat(app.circles.db.auditEvents()).filteredOn(event -> event.action().equals("group.refreshed"))
                .singleElement().satisfies(event -> assertThat(event.actorId()).isEqualTo(UserId.of("ana")));
    }

    @Test
    void a_background_refresh_keeps_its_claim_past_the_lease_while_its_instance_renews_it() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        app.dynamic.settings.syncMemberLimit(2);
        Duration lease = app.dynamic.settings.lease();
        app.circles.as("ana");
        assertThat(app.refreshes.refresh(group.id())).isInstanceOf(RefreshGroupUseCase.Accepted.class);

        // The work waits for a thread for three leases; the heartbeat renews its claim every third of one.
        for (int beat = 0; beat < 9; beat++) {
            app.circles.clock.advance(lease.dividedBy(3));
            assertThat(app.renewals.renewHeld()).isEqualTo(new RenewRefreshClaimsUseCase.Report(1, 0));
        }
        assertThat(app.scheduled.runDue().isEmpty()).as("the schedule leaves a held claim alone").isTrue();
        app.circles.as("ana");
        assertThat(catchThrowableOfType(Conflict.class, () -> app.refreshes.refresh(group.id())).code())
                .isEqualTo("group-evaluating");

        app.dynamic.background.runAll();
        assertThat(evaluation(group).evaluation().status()).isEqualTo("idle");
        assertThat(app.dynamic.snapshot(group.id())).isEqualTo(users("ana", "bo", "cy"));
        assertThat(app.renewals.renewHeld()).as("nothing is held once the refresh is done")
                .isEqualTo(new RenewRefreshClaimsUseCase.Report(0, 0));
    }

    @Test
    void a_claim_taken_over_after_its_lease_ran_out_is_neither_renewed_nor_released_by_its_former_holder() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        app.dynamic.settings.syncMemberLimit(2);
        app.circles.as("ana");
        assertThat(app.refreshes.refresh(group.id())).isInstanceOf(RefreshGroupUseCase.Accepted.class);

        // Nobody renews the first claim (its instance stalled): once its lease has ended, a second refresh takes over.
        app.circles.clock.advance(app.dynamic.settings.lease());
        app.circles.as("ana");
        assertThat(app.refreshes.refresh(group.id())).isInstanceOf(RefreshGroupUseCase.Accepted.class);
        assertThat(app.renewals.renewHeld()).as("only the new holder's claim is renewed")
                .isEqualTo(new RenewRefreshClaimsUseCase.Report(1, 1));

        app.dynamic.background.runFirst();
        assertThat(evaluation(group).evaluation().status()).as("the new holder still evaluates")
                .isEqualTo("evaluating");
        app.circles.as("ana");
        assertThat(catchThrowableOfType(Conflict.class, () -> app.refreshes.refresh(group.id())).code())
                .isEqualTo("group-evaluating");

        app.dynamic.background.runFirst();
        assertThat(evaluation(group).evaluation().status()).isEqualTo("idle");
        assertThat(app.dynamic.snapshot(group.id())).isEqualTo(users("ana", "bo", "cy"));
    }

    @Test
    void a_failed_refresh_keeps_the_members_and_shows_failed_until_the_next_success() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        app.dynamic.failWrites(group.id());

        app.circles.as("ana");
        EvaluationFailed failure = catchThrowableOfType(EvaluationFailed.class,
                () -> app.refreshes.refresh(group.id()));

        GroupEvaluationView failed = evaluation(group);
        assertThat(failed.evaluation().status()).isEqualTo("failed");
        assertThat(failed.evaluation().lastError()).isEqualTo(failure.getMessage()).contains("incident");
        assertThat(failed.memberCount()).isEqualTo(2);
        assertThat(app.dynamic.snapshot(group.id())).isEqualTo(users("ana", "bo"));
        app.circles.as("ana");
        assertThat(app.views.describe(app.circles.stored(group.id()).orElseThrow()).evaluation().lastError())
                .isEqualTo(failure.getMessage());

        app.dynamic.healWrites(group.id());
        app.circles.as("ana");
        assertThat(app.refreshes.refresh(group.id())).isInstanceOfSatisfying(RefreshGroupUseCase.Result.class,
                result -> {
                    assertThat(result.evaluation().status()).isEqualTo("idle");
                    assertThat(result.evaluation().lastError()).isNull();
                    assertThat(result.added()).isEqualTo(1);
                });
    }

    @Test
    void a_failed_background_refresh_is_recorded_on_the_group() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.dynamic.settings.syncMemberLimit(1);
        app.dynamic.failWrites(group.id());
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");

        app.circles.as("ana");
        assertThat(app.refreshes.refresh(group.id())).isInstanceOf(RefreshGroupUseCase.Accepted.class);
        app.dynamic.background.runAll();

        assertThat(evaluation(group).evaluation().status()).isEqualTo("failed");
        assertThat(evaluation(group).evaluation().lastError()).contains("incident");
        assertThat(app.dynamic.snapshot(group.id())).isEqualTo(users("ana", "bo"));
    }

    @Test
    void an_instance_that_takes_no_more_background_work_gives_the_claim_back() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.dynamic.settings.syncMemberLimit(1);
        app.dynamic.background.refuse();

        app.circles.as("ana");
        assertThatThrownBy(() -> app.refreshes.refresh(group.id())).isInstanceOf(EvaluationFailed.class)
                .hasMessageContaining("shutting down");

        assertThat(evaluation(group).evaluation().status()).isEqualTo("idle");
        assertThat(app.dynamic.background.queued()).isZero();
        assertThat(app.scheduled.runDue().evaluated()).containsExactly(group.id());
        app.dynamic.settings.syncMemberLimit(1_000);
        app.circles.as("ana");
        assertThat(app.refreshes.refresh(group.id())).isInstanceOf(RefreshGroupUseCase.Result.class);
    }

    @Test
    void a_dependent_being_evaluated_elsewhere_is_refreshed_again_right_after_that_evaluation() {
        Group a = app.circles.group(circles.application.DraftBuilder.named("A").in(acme));
        app.circles.addMember(a.id(), "bo", GroupRole.MEMBER);
        Group b = app.dynamicGroup(acme, "ana", "B", memberOf(a.id()), 0);
        Group c = app.dynamicGroup(acme, "ana", "C", memberOf(b.id()), 0);
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        Instant elsewhereStarted = app.circles.clock.instant();
        var elsewhere = app.circles.tx.inTransaction(() -> app.dynamic.claims.claim(c.id(), acme, elsewhereStarted,
                app.dynamic.settings.lease())).orElseThrow();
        app.circles.addMember(a.id(), "cy", GroupRole.MEMBER);
        app.circles.clock.advance(Duration.ofSeconds(1));
        List<?> before = app.dynamic.evaluatedInOrder();

        app.circles.as("ana");
        app.refreshes.refresh(b.id());

        assertThat(app.dynamic.evaluatedInOrder().subList(before.size(), app.dynamic.evaluatedInOrder().size()))
                .containsExactly(b.id());
        assertThat(app.dynamic.snapshot(c.id())).isEqualTo(users("bo"));
        // The other evaluation ends; it had read B before the refresh, and its release must not lose the request.
        app.circles.tx.run(() -> app.dynamic.claims.release(elsewhere, null, null));
        assertThat(app.scheduled.runDue().evaluated()).containsExactly(c.id());
        assertThat(app.dynamic.snapshot(c.id())).isEqualTo(users("bo", "cy"));
        assertThat(app.dynamic.claims.state(c.id(), acme).orElseThrow().nextRefreshAt()).isNull();
    }

    @Test
    void only_those_who_manage_the_group_refresh_it_and_only_dynamic_active_groups_have_an_evaluation() {
        Group group = app.dynamicGroup(acme, "ana", "Everyone", allMembers(), 0);
        app.circles.as("bo");
        assertThat(app.refreshes.evaluation(group.id()).evaluation().status()).isEqualTo("idle");
        assertThatThrownBy(() -> app.refreshes.refresh(group.id()))
                .isInstanceOf(circles.domain.shared.NotAllowed.class);

        app.circles.as("stranger");
        assertThatThrownBy(() -> app.refreshes.evaluation(group.id())).isInstanceOf(NotFound.class);

        Group staticGroup = app.circles.group(circles.application.DraftBuilder.named("Static").in(acme));
        app.circles.as("ana");
        assertThat(catchThrowableOfType(RuleViolation.class, () -> app.refreshes.evaluation(staticGroup.id())).code())
                .isEqualTo("group-not-dynamic");
        assertThat(catchThrowableOfType(RuleViolation.class, () -> app.refreshes.refresh(staticGroup.id())).code())
                .isEqualTo("group-not-dynamic");
    }

    @Test
    void groups_reading_a_changed_group_are_re_evaluated_in_dependency_order_with_the_cause_dependency() {
        app.circles.joinOrg(acme, OrgRole.MEMBER, "cy");
        Group a = app.circles.group(circles.application.DraftBuilder.named("A").in(acme));
        app.circles.addMember(a.id(), "bo", GroupRole.MEMBER);
        Group b = app.dynamicGroup(acme, "ana", "B", memberOf(a.id()), 0);
        Group c = app.dynamicGroup(acme, "ana", "C", memberOf(b.id()), 0);
        // D reads C and B: it must come after C, or it would see C's members before the change.
        Group d = app.dynamicGroup(acme, "ana", "D", Map.of("all", List.of(memberOf(b.id()), memberOf(c.id()))), 0);
        Group unrelated = app.dynamicGroup(acme, "ana", "Unrelated", allMembers(), 0);
        assertThat(app.dynamic.snapshot(d.id())).isEqualTo(users("bo"));

        app.circles.addMember(a.id(), "cy", GroupRole.MEMBER);
        app.circles.clock.advance(Duration.ofMinutes(1));
        List<?> before = app.dynamic.evaluatedInOrder();
        app.circles.as("ana");
        app.refreshes.refresh(b.id());

        assertThat(app.dynamic.evaluatedInOrder().subList(before.size(), app.dynamic.evaluatedInOrder().size()))
                .containsExactly(b.id(), c.id(), d.id());
        assertThat(app.dynamic.snapshot(c.id())).isEqualTo(users("bo", "cy"));
        assertThat(app.dynamic.snapshot(d.id())).isEqualTo(users("bo", "cy"));
        assertThat(app.dynamic.history(c.id())).last().satisfies(event ->
                assertThat(event.cause()).isEqualTo(MembershipHistory.Cause.DEPENDENCY));
        assertThat(app.dynamic.snapshot(unrelated.id())).isEqualTo(users("ana", "bo", "cy"));
        assertThat(app.dynamic.claims.state(c.id(), acme).orElseThrow().status())
                .isEqualTo(circles.application.port.out.dynamic.RefreshClaims.Status.IDLE);

        Group onlyBo = app.circles.group(circles.application.DraftBuilder.named("Only Bo").in(acme));
        app.circles.addMember(onlyBo.id(), "bo", GroupRole.MEMBER);
        app.circles.as("ana");
        app.dynamicGroups.replace(new GroupRuleUseCase.ReplaceRule(b.id(), null, memberOf(onlyBo.id()), null));

        assertThat(app.dynamic.snapshot(b.id())).isEqualTo(users("bo"));
        assertThat(app.dynamic.snapshot(c.id())).isEqualTo(users("bo"));
        assertThat(app.dynamic.snapshot(d.id())).isEqualTo(users("bo"));
        assertThat(app.dynamic.history(c.id())).last().satisfies(event -> {
            assertThat(event.userId()).isEqualTo(UserId.of("cy"));
            assertThat(event.cause()).isEqualTo(MembershipHistory.Cause.DEPENDENCY);
        });
    }

    @Test
    void an_unchanged_group_leaves_its_dependents_alone() {
        Group a = app.circles.group(circles.application.DraftBuilder.named("A").in(acme));
        app.circles.addMember(a.id(), "bo", GroupRole.MEMBER);
        Group b = app.dynamicGroup(acme, "ana", "B", memberOf(a.id()), 0);
        app.dynamicGroup(acme, "ana", "C", memberOf(b.id()), 0);
        List<?> before = app.dynamic.evaluatedInOrder();

        app.circles.as("ana");
        app.refreshes.refresh(b.id());

        assertThat(app.dynamic.evaluatedInOrder().subList(before.size(), app.dynamic.evaluatedInOrder().size()))
                .containsExactly(b.id());
    }

    @Test
    void a_dependent_that_fails_fails_the_refresh_and_is_named_in_the_reason() {
        Group a = app.circles.group(circles.application.DraftBuilder.named("A").in(acme));
        Group b = app.dynamicGroup(acme, "ana", "B", memberOf(a.id()), 0);
        Group c = app.dynamicGroup(acme, "ana", "C", memberOf(b.id()), 0);
        app.circles.addMember(a.id(), "bo", GroupRole.MEMBER);
        app.dynamic.failWrites(c.id());

        app.circles.as("ana");
        EvaluationFailed failure = catchThrowableOfType(EvaluationFailed.class, () -> app.refreshes.refresh(b.id()));

        assertThat(failure.getMessage()).startsWith("re-evaluating group " + c.id()
                + ", which reads this group through member_of, failed: the evaluation failed unexpectedly");
        assertThat(evaluation(b).evaluation().status()).isEqualTo("failed");
        assertThat(evaluation(b).evaluation().lastError()).isEqualTo(failure.getMessage());
    }
}
