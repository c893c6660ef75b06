package circles.domain.criterion;

import circles.domain.actor.UserId;
import circles.domain.criterion.membership.MemberOfCriterionType;
import circles.domain.criterion.reporting.ReportsToCriterionType;
import circles.domain.group.GroupId;
import circles.domain.rule.OrgSnapshot;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtherCriteriaTest {
    private static final GroupId DESIGNERS = GroupId.random();
    // ceo <- cto <- lead <- dev ; cycle-a <-> cycle-b (bad data must not loop)
    private final OrgSnapshot org = new TestOrg()
            .member("ceo", "email", "ceo@example.org")
            .member("cto", "managerId", "ceo", "email", "CTO@Example.org")
            .member("lead", "managerId", "cto")
            .member("dev", "managerId", "lead")
            .member("cycle-a", "managerId", "cycle-b")
            .member("cycle-b", "managerId", "cycle-a")
            .group(DESIGNERS, "dev")
            .snapshot();

    private Outcome reportsTo(String manager, boolean nested, String member) {
        Criterion criterion = new ReportsToCriterionType().parse(Map.of("managerId", manager, "includeNested", nested));
        return criterion.matches(org.candidate(UserId.of(member)).orElseThrow(), org);
    }

    @Test
    void reports_to_without_nesting_means_direct_reports_only() {
        assertThat(reportsTo("lead", false, "dev").matched()).isTrue();
        assertThat(reportsTo("cto", false, "dev").matched()).isFalse();
        assertThat(reportsTo("cto", false, "lead").matched()).isTrue();
        assertThat(reportsTo("dev", false, "dev").matched()).isFalse();
    }

    @Test
    void reports_to_with_nesting_reaches_any_depth() {
        assertThat(reportsTo("ceo", true, "dev").matched()).isTrue();
        assertThat(reportsTo("cto", true, "dev").matched()).isTrue();
        assertThat(reportsTo("dev", true, "ceo").matched()).isFalse();
        assertThat(reportsTo("ceo", true, "ceo").matched()).isFalse();
    }

    @Test
    void the_manager_may_be_named_by_email_in_any_case() {
        assertThat(reportsTo(" cto@example.org ", true, "dev").matched()).isTrue();
        assertThat(reportsTo("CEO@EXAMPLE.ORG", false, "cto").matched()).isTrue();
        assertThat(reportsTo("nobody@example.org", true, "dev").matched()).isFalse();
    }

    @Test
    void the_explanation_shows_the_chain() {
        Outcome outcome = reportsTo("ceo", false, "dev");
        assertThat(outcome.detail()).contains("lead > cto > ceo").contains("ceo is 3 levels up");
        assertThat(reportsTo("ghost", true, "dev").detail()).contains("no org member is ghost");
    }

    @Test
    void manager_cycles_in_bad_data_end() {
        assertThat(reportsTo("ceo", true, "cycle-a").matched()).isFalse();
        assertThat(reportsTo("cycle-a", true, "cycle-b").matched()).isTrue();
        assertThat(org.managerChain(UserId.of("cycle-a"))).containsExactly(UserId.of("cycle-b"));
    }

    @Test
    void member_of_asks_the_context() {
        Criterion criterion = new MemberOfCriterionType().parse(Map.of("groupId", DESIGNERS.toString()));
        assertThat(criterion.matches(org.candidate(UserId.of("dev")).orElseThrow(), org).matched()).isTrue();
        assertThat(criterion.matches(org.candidate(UserId.of("lead")).orElseThrow(), org).matched()).isFalse();
        assertThat(criterion.referencedGroups()).containsExactly(DESIGNERS);
        assertThatThrownBy(() -> new MemberOfCriterionType().parse(Map.of("groupId", "designers")))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).errors().get(0).field()).isEqualTo("/groupId"));
    }

    @Test
    void all_members_matches_everyone_and_takes_no_configuration() {
        Criterion criterion = new AllMembersCriterionType().parse(Map.of());
        assertThat(criterion.matches(org.candidate(UserId.of("dev")).orElseThrow(), org).matched()).isTrue();
        assertThatThrownBy(() -> new AllMembersCriterionType().parse(Map.of("x", 1)))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void the_registry_lists_the_built_ins_and_refuses_duplicate_keys() {
        CriterionRegistry registry = CriterionRegistry.withBuiltIns();
        assertThat(registry.all()).extracting(CriterionType::key)
                .containsExactly("attribute", "reports_to", "member_of", "all_members");
        assertThat(registry.find("reports_to")).isPresent();
        assertThat(registry.find("visited_unit")).isEmpty();
        assertThatThrownBy(() -> new CriterionRegistry(List.of(new AllMembersCriterionType(),
                new AllMembersCriterionType()))).isInstanceOf(IllegalArgumentException.class);
        for (CriterionType type : registry.all()) {
            assertThat(type.title()).isNotBlank();
            assertThat(type.description()).isNotBlank();
            assertThat(type.configSchema()).contains("\"type\": \"object\"");
        }
    }
}
