package circles.domain.group;

import circles.domain.Fixtures;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NestingTest {
    private static final OrgId ORG = OrgId.random();

    private final Group group = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);
    private final Group parent = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);

    private static List<GroupId> ancestors(int count) {
        return IntStream.range(0, count).mapToObj(i -> GroupId.random()).toList();
    }

    @Test
    void a_group_may_go_under_another_group_of_its_org() {
        assertThatCode(() -> Nesting.check(group, parent, List.of(), 1)).doesNotThrowAnyException();
    }

    @Test
    void a_group_cannot_be_its_own_parent() {
        assertThatThrownBy(() -> Nesting.check(group, group, List.of(), 1))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.code()).isEqualTo("nesting-cycle");
                    assertThat(violation.errors())
                            .extracting(FieldError::field).containsExactly("parentId");
                });
    }

    @Test
    void a_group_cannot_go_under_one_of_its_own_subgroups() {
        // parent sits below group: the parent's ancestry contains the group
        List<GroupId> parentAncestry = new ArrayList<>(ancestors(2));
        parentAncestry.add(group.id());
        parentAncestry.addAll(ancestors(1));

        assertThatThrownBy(() -> Nesting.check(group, parent, parentAncestry, 3))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("nesting-cycle"));
    }

    @Test
    void ten_levels_are_allowed() {
        // parent at level 9 (eight ancestors), the group becomes level 10
        assertThatCode(() -> Nesting.check(group, parent, ancestors(8), 1)).doesNotThrowAnyException();
        // parent at level 1, the group's own subtree brings the deepest leaf to level 10
        assertThatCode(() -> Nesting.check(group, parent, List.of(), 9)).doesNotThrowAnyException();
    }

    @Test
    void eleven_levels_are_refused() {
        assertThatThrownBy(() -> Nesting.check(group, parent, ancestors(9), 1))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("nesting-too-deep"));
        assertThatThrownBy(() -> Nesting.check(group, parent, List.of(), 10))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("nesting-too-deep"));
        assertThatThrownBy(() -> Nesting.check(group, parent, ancestors(4), 6))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void parent_of_another_org_is_refused() {
        Group foreign = Fixtures.orgGroup(OrgId.random(), Visibility.ORGANIZATION);
        assertThatThrownBy(() -> Nesting.check(group, foreign, List.of(), 1))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors())
                                .extracting(FieldError::field).containsExactly("parentId"));
    }

    @Test
    void standalone_and_org_groups_do_not_mix() {
        Group standalone = Fixtures.standalone(Visibility.PUBLIC);
        Group otherStandalone = Fixtures.standalone(Visibility.PRIVATE);

        assertThatThrownBy(() -> Nesting.check(group, standalone, List.of(), 1)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> Nesting.check(standalone, parent, List.of(), 1)).isInstanceOf(RuleViolation.class);
        assertThatCode(() -> Nesting.check(standalone, otherStandalone, List.of(), 1)).doesNotThrowAnyException();
    }
}
