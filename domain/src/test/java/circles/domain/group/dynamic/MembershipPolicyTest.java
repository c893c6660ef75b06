package circles.domain.group.dynamic;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.MembershipPolicy.RuleAnswer;
import circles.domain.org.OrgId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipPolicyTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final GroupId GROUP = new GroupId(new UUID(0, 7));
    static final OrgId ORG = new OrgId(new UUID(0, 9));
    static final UserId ANN = UserId.of("ann");
    static final UserId BO = UserId.of("bo");
    static final UserId CY = UserId.of("cy");
    static final RuleAnswer SELECTS = new RuleAnswer(true, "department is d1");
    static final RuleAnswer REJECTS = new RuleAnswer(false, "department is not d1");

    static OverrideEntry entry(UserId userId, OverrideKind kind, String reason, Instant expiresAt) {
        return new OverrideEntry(UUID.randomUUID(), GROUP, ORG, userId, kind, reason, expiresAt, UserId.of("admin"),
                NOW.minus(Duration.ofDays(1)));
    }

    static OverrideEntry include(UserId userId) {
        return entry(userId, OverrideKind.INCLUDE, null, null);
    }

    static OverrideEntry exclude(UserId userId) {
        return entry(userId, OverrideKind.EXCLUDE, null, null);
    }

    static Supplier<RuleAnswer> failIfAsked() {
        return () -> {
            throw new AssertionError("the rule must not be asked");
        };
    }

    static BooleanSupplier activeFailIfAsked() {
        return () -> {
            throw new AssertionError("whether the user is active must not be asked");
        };
    }

    @Test
    void an_exclude_keeps_out_a_user_the_rule_selects_without_asking_the_rule() {
        OverrideEntry out = entry(ANN, OverrideKind.EXCLUDE, "on leave", null);

        MembershipVerdict verdict = MembershipPolicy.verdict(ANN, List.of(include(ANN), out), NOW, failIfAsked(),
                activeFailIfAsked());

        assertThat(verdict).isEqualTo(new MembershipVerdict.Excluded(out));
        assertThat(verdict.member()).isFalse();
        assertThat(verdict.reason()).isEqualTo("excluded by an override: on leave");
    }

    @Test
    void the_rule_decides_with_its_own_reason_when_no_entry_names_the_user() {
        assertThat(MembershipPolicy.verdict(ANN, List.of(exclude(BO)), NOW, () -> SELECTS, activeFailIfAsked()))
                .isEqualTo(new MembershipVerdict.SelectedByRule("department is d1"));
        assertThat(MembershipPolicy.verdict(ANN, List.of(include(BO)), NOW, () -> REJECTS, activeFailIfAsked()))
                .isEqualTo(new MembershipVerdict.NotSelected("department is not d1"));
    }

    @Test
    void a_user_the_rule_selects_is_there_by_the_rule_even_with_an_include() {
        MembershipVerdict verdict = MembershipPolicy.verdict(ANN, List.of(include(ANN)), NOW, () -> SELECTS,
                activeFailIfAsked());

        assertThat(verdict).isInstanceOf(MembershipVerdict.SelectedByRule.class);
        assertThat(verdict.member()).isTrue();
    }

    @Test
    void an_include_puts_in_an_active_member_the_rule_does_not_select() {
        OverrideEntry in = entry(ANN, OverrideKind.INCLUDE, "project lead", null);

        MembershipVerdict verdict = MembershipPolicy.verdict(ANN, List.of(in), NOW, () -> REJECTS, () -> true);

        assertThat(verdict).isEqualTo(new MembershipVerdict.Included(in));
        assertThat(verdict.member()).isTrue();
        assertThat(verdict.reason()).isEqualTo("included by an override: project lead");
        assertThat(MembershipPolicy.verdict(ANN, List.of(include(ANN)), NOW, () -> REJECTS, () -> true).reason())
                .isEqualTo("included by an override");
    }

    @Test
    void an_include_counts_for_nothing_for_a_member_who_is_not_active() {
        MembershipVerdict verdict = MembershipPolicy.verdict(ANN, List.of(include(ANN)), NOW, () -> REJECTS,
                () -> false);

        assertThat(verdict).isEqualTo(new MembershipVerdict.NotSelected("department is not d1"));
        assertThat(verdict.member()).isFalse();
    }

    @Test
    void entries_past_their_expiry_count_for_nothing_and_one_expiring_now_has_expired() {
        List<OverrideEntry> expired = List.of(entry(ANN, OverrideKind.EXCLUDE, null, NOW),
                entry(BO, OverrideKind.INCLUDE, null, NOW.minusSeconds(1)));

        assertThat(MembershipPolicy.verdict(ANN, expired, NOW, () -> SELECTS, activeFailIfAsked()).member()).isTrue();
        assertThat(MembershipPolicy.verdict(BO, expired, NOW, () -> REJECTS, activeFailIfAsked()).member()).isFalse();
        assertThat(MembershipPolicy.verdict(ANN, List.of(entry(ANN, OverrideKind.EXCLUDE, null,
                NOW.plusSeconds(1))), NOW, failIfAsked(), activeFailIfAsked()).member()).isFalse();
    }

    @Test
    void the_whole_group_is_the_rule_with_the_verdict_of_everyone_the_entries_name() {
        AtomicInteger activeAsked = new AtomicInteger();
        List<OverrideEntry> entries = List.of(exclude(ANN), include(BO), include(CY), include(UserId.of("dee")),
                exclude(UserId.of("eve")), entry(UserId.of("fay"), OverrideKind.INCLUDE, null, NOW));

        MembershipPolicy.Members members = MembershipPolicy.members(Set.of(ANN, BO, UserId.of("gil")), entries, NOW,
                userId -> {
                    activeAsked.incrementAndGet();
                    return !userId.equals(UserId.of("dee"));
                });

        assertThat(members.members()).containsExactlyInAnyOrder(BO, CY, UserId.of("gil"));
        assertThat(members.included()).containsExactly(CY);
        assertThat(activeAsked).as("asked about cy and dee only: the rule has bo, fay's entry expired")
                .hasValue(2);
    }

    @Test
    void the_whole_group_agrees_with_the_verdict_for_each_user() {
        List<UserId> users = List.of(ANN, BO, CY, UserId.of("dee"));
        Set<UserId> inactive = Set.of(CY);
        List<OverrideEntry> entries = List.of(include(ANN), exclude(ANN), include(BO), include(CY),
                entry(UserId.of("dee"), OverrideKind.EXCLUDE, null, NOW.minusSeconds(5)));
        Set<UserId> selected = Set.of(UserId.of("dee"));

        MembershipPolicy.Members members = MembershipPolicy.members(selected, entries, NOW,
                userId -> !inactive.contains(userId));

        for (UserId userId : users) {
            MembershipVerdict verdict = MembershipPolicy.verdict(userId, entries, NOW,
                    () -> RuleAnswer.of(selected.contains(userId)), () -> !inactive.contains(userId));
            assertThat(members.members().contains(userId)).as(userId.value()).isEqualTo(verdict.member());
            assertThat(members.included().contains(userId)).as(userId.value())
                    .isEqualTo(verdict instanceof MembershipVerdict.Included);
        }
        assertThat(members.members()).containsExactlyInAnyOrder(BO, UserId.of("dee"));
    }
}
