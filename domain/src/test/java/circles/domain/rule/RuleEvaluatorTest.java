package circles.domain.rule;

import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.TestOrg;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleEvaluatorTest {
    private static final GroupId CONTRACTORS = GroupId.random();
    private final RuleParser parser = new RuleParser(CriterionRegistry.withBuiltIns());
    private final RuleEvaluator evaluator = new RuleEvaluator();
    private final OrgSnapshot org = new TestOrg()
            .tree(MasterDataKind.DEPARTMENT, "backend", "engineering")
            .member("cto", "department", "engineering", "jobTitle", "CTO")
            .member("ana", "department", "backend", "jobTitle", "Senior Engineer", "managerId", "cto")
            .member("bo", "department", "backend", "jobTitle", "Engineer", "managerId", "ana")
            .member("cy", "department", "sales", "jobTitle", "Senior Seller", "managerId", "cto")
            .member("dee", MemberStatus.SUSPENDED, "department", "backend", "jobTitle", "Senior Engineer")
            .group(CONTRACTORS, "bo")
            .snapshot();
    private final Rule rule = parser.parse(Map.of("all", List.of(
            Map.of("criterion", "attribute", "field", "department", "operator", "is_under", "value", "engineering"),
            Map.of("any", List.of(
                    Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with", "value", "senior"),
                    Map.of("criterion", "reports_to", "managerId", "cto", "includeNested", true))),
            Map.of("not", Map.of("criterion", "member_of", "groupId", CONTRACTORS.toString())))));

    @Test
    void evaluates_the_whole_org_keeping_only_active_members() {
        assertThat(evaluator.members(rule, org.memberIds(), org)).extracting(UserId::value)
                .containsExactlyInAnyOrder("ana");
        Rule everyone = parser.parse(Map.of("criterion", "all_members"));
        assertThat(evaluator.members(everyone, org.memberIds(), org)).extracting(UserId::value)
                .containsExactlyInAnyOrder("cto", "ana", "bo", "cy");
    }

    @Test
    void explains_every_node_with_its_pointer() {
        Evaluation evaluation = evaluator.explain(rule, UserId.of("bo"), org);

        assertThat(evaluation.member()).isFalse();
        assertThat(evaluation.reason()).isEqualTo("the rule does not match");
        assertThat(evaluation.criteria()).extracting(Evaluation.NodeOutcome::path)
                .containsExactly("", "/all/0", "/all/1", "/all/1/any/0", "/all/1/any/1", "/all/2", "/all/2/not");
        assertThat(evaluation.at("").detail()).isEqualTo("2 of 3 parts match; all must");
        assertThat(evaluation.at("/all/0").matched()).isTrue();
        assertThat(evaluation.at("/all/1/any/0").matched()).isFalse();
        assertThat(evaluation.at("/all/1/any/1").criterion()).isEqualTo("reports_to");
        assertThat(evaluation.at("/all/1/any/1").detail()).contains("chain ana > cto");
        assertThat(evaluation.at("/all/2").criterion()).isEqualTo("not");
        assertThat(evaluation.at("/all/2").matched()).isFalse();
        assertThat(evaluation.at("/all/2/not").matched()).isTrue();
    }

    @Test
    void explains_why_an_inactive_member_is_not_a_member() {
        Evaluation evaluation = evaluator.explain(rule, UserId.of("dee"), org);
        assertThat(evaluation.member()).isFalse();
        assertThat(evaluation.reason()).contains("suspended").contains("only active org members");
        assertThat(evaluation.at("/all/0").matched()).isTrue();
        assertThat(evaluator.isMember(rule, UserId.of("dee"), org)).isFalse();
    }

    @Test
    void someone_outside_the_org_is_never_a_member() {
        Evaluation evaluation = evaluator.explain(rule, UserId.of("stranger"), org);
        assertThat(evaluation.member()).isFalse();
        assertThat(evaluation.criteria()).isEmpty();
        assertThat(evaluator.isMember(parser.parse(Map.of("criterion", "all_members")), UserId.of("stranger"), org))
                .isFalse();
    }

    @Test
    void the_fast_path_agrees_with_explain() {
        for (UserId id : org.memberIds()) {
            assertThat(evaluator.isMember(rule, id, org)).as(id.value())
                    .isEqualTo(evaluator.explain(rule, id, org).member());
        }
    }
}
