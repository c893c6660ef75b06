package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static circles.domain.org.ReportingLine.Verdict.ALLOWED;
import static circles.domain.org.ReportingLine.Verdict.CYCLE;
import static circles.domain.org.ReportingLine.Verdict.NOT_A_MEMBER;
import static circles.domain.org.ReportingLine.Verdict.SELF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportingLineTest {
    private static final UserId ANA = UserId.of("ana");
    private static final UserId BO = UserId.of("bo");
    private static final UserId CY = UserId.of("cy");

    @Test
    void a_manager_is_another_member_of_the_org_who_does_not_report_to_the_member() {
        assertThat(ReportingLine.check(ANA, BO, true, List.of(BO, CY))).isEqualTo(ALLOWED);
        assertThat(ReportingLine.check(ANA, ANA, true, List.of(ANA))).isEqualTo(SELF);
        assertThat(ReportingLine.check(ANA, BO, false, List.of())).isEqualTo(NOT_A_MEMBER);
    }

    @Test
    void anyone_below_the_member_in_the_reporting_line_would_close_a_cycle() {
        // bo reports to cy, cy reports to ana: ana cannot report to bo.
        assertThat(ReportingLine.check(ANA, BO, true, List.of(BO, CY, ANA))).isEqualTo(CYCLE);
    }

    @Test
    void refused_verdicts_are_rule_violations_naming_the_field() {
        for (ReportingLine.Verdict verdict : List.of(SELF, NOT_A_MEMBER, CYCLE)) {
            assertThatThrownBy(() -> ReportingLine.require(verdict, ANA, BO, "managerId"))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.errors()).extracting(FieldError::field).containsExactly("managerId"));
        }
        ReportingLine.require(ALLOWED, ANA, BO, "managerId");
    }

    /** Lines over members 0..n-1; {@code unknown} members have a manager nobody has read yet. */
    record TestLines(int[] managers, Set<Integer> unknown) implements ReportingLine.Lines {
        @Override
        public int size() {
            return managers.length;
        }

        @Override
        public int managerOf(int k) {
            return managers[k];
        }

        @Override
        public boolean known(int k) {
            return !unknown.contains(k);
        }
    }

    static final int N = ReportingLine.Lines.NONE;

    @Test
    void lines_that_end_at_the_top_have_no_cycle() {
        ReportingLine.CycleSearch search = ReportingLine.cycles(new TestLines(new int[] {1, 2, N, 2}, Set.of()),
                k -> true);

        assertThat(search.complete()).isTrue();
        assertThat(search.cycles()).isEmpty();
    }

    @Test
    void each_cycle_is_found_once_with_its_members_in_line_order_and_not_the_lines_leading_into_it() {
        // 0 -> 1 -> 2 -> 3 -> 1 (a cycle of three with 0 below it), 4 -> 4 (their own manager), 5 -> 6 -> 5.
        int[] managers = {1, 2, 3, 1, 4, 6, 5};

        ReportingLine.CycleSearch search = ReportingLine.cycles(new TestLines(managers, Set.of()), k -> true);

        assertThat(search.cycles()).containsExactly(new int[] {1, 2, 3}, new int[] {4}, new int[] {5, 6});
    }

    @Test
    void only_cycles_reachable_from_the_changed_members_count() {
        int[] managers = {1, N, 3, 2};

        assertThat(ReportingLine.cycles(new TestLines(managers, Set.of()), k -> k < 2).cycles()).isEmpty();
        assertThat(ReportingLine.cycles(new TestLines(managers, Set.of()), k -> k == 3).cycles())
                .containsExactly(new int[] {3, 2});
    }

    @Test
    void a_line_through_a_member_whose_manager_is_unknown_is_judged_only_once_it_is_known() {
        int[] managers = {1, 2, 0, N};

        ReportingLine.CycleSearch first = ReportingLine.cycles(new TestLines(managers, Set.of(2)), k -> k == 0);
        assertThat(first.complete()).isFalse();
        assertThat(first.unknown()).containsExactly(2);
        assertThat(first.cycles()).isEmpty();

        ReportingLine.CycleSearch second = ReportingLine.cycles(new TestLines(managers, Set.of()), k -> k == 0);
        assertThat(second.complete()).isTrue();
        assertThat(second.cycles()).containsExactly(new int[] {0, 1, 2});
    }

    @Test
    void a_very_long_line_is_walked_once() {
        int n = 1_000_000;
        int[] managers = new int[n];
        for (int k = 0; k < n; k++) {
            managers[k] = k + 1 < n ? k + 1 : 0;
        }
        int[] asked = new int[1];

        ReportingLine.CycleSearch search = ReportingLine.cycles(new ReportingLine.Lines() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int managerOf(int k) {
                asked[0]++;
                return managers[k];
            }

            @Override
            public boolean known(int k) {
                return true;
            }
        }, k -> true);

        assertThat(search.cycles()).hasSize(1);
        assertThat(search.cycles().getFirst()).hasSize(n);
        assertThat(asked[0]).isEqualTo(n);
    }

    @Test
    void a_refused_manager_tells_the_field_why() {
        assertThat(SELF.fieldError("managerId"))
                .isEqualTo(new FieldError("managerId", "a member cannot be their own manager"));
        assertThat(CYCLE.fieldError("manager")).isEqualTo(new FieldError("manager", "would create a reporting cycle"));
        assertThatThrownBy(() -> ALLOWED.fieldError("managerId")).isInstanceOf(IllegalStateException.class);
    }
}
