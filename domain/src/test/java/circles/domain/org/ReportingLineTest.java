package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

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
    void aManagerIsAnotherMemberOfTheOrgWhoDoesNotReportToTheMember() {
        assertThat(ReportingLine.check(ANA, BO, true, List.of(BO, CY))).isEqualTo(ALLOWED);
        assertThat(ReportingLine.check(ANA, ANA, true, List.of(ANA))).isEqualTo(SELF);
        assertThat(ReportingLine.check(ANA, BO, false, List.of())).isEqualTo(NOT_A_MEMBER);
    }

    @Test
    void anyoneBelowTheMemberInTheReportingLineWouldCloseACycle() {
        // bo reports to cy, cy reports to ana: ana cannot report to bo.
        assertThat(ReportingLine.check(ANA, BO, true, List.of(BO, CY, ANA))).isEqualTo(CYCLE);
    }

    @Test
    void refusedVerdictsAreRuleViolationsNamingTheField() {
        for (ReportingLine.Verdict verdict : List.of(SELF, NOT_A_MEMBER, CYCLE)) {
            assertThatThrownBy(() -> ReportingLine.require(verdict, ANA, BO, "managerId"))
                    .isInstanceOfSatisfying(RuleViolation.class, violation ->
                            assertThat(violation.errors()).extracting(FieldError::field).containsExactly("managerId"));
        }
        ReportingLine.require(ALLOWED, ANA, BO, "managerId");
    }
}
