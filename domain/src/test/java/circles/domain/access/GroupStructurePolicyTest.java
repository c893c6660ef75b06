package circles.domain.access;

import circles.domain.Fixtures;
import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static circles.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class GroupStructurePolicyTest {
    private static final OrgId ORG = OrgId.random();
    private static final Actor ANA = Fixtures.user("ana");
    private static final Group MANAGED = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);
    private static final Group OTHER = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);
    private static final Group HIDDEN = Fixtures.orgGroup(ORG, Visibility.PRIVATE);

    private static GroupAccess as(Group group, GroupRole role) {
        return new GroupAccess(ANA, group, OrgRole.MEMBER, role == null ? null : Fixtures.member(group, "ana", role),
                NOW);
    }

    @Test
    void only_org_admins_create_top_level_org_groups_and_dynamic_groups() {
        OrgAccess member = new OrgAccess(ANA, OrgRole.MEMBER);
        OrgAccess itAdmin = new OrgAccess(ANA, OrgRole.IT_ADMIN);
        assertThat(GroupStructurePolicy.mayCreate(member, null, GroupKind.STATIC).isAllowed()).isFalse();
        assertThat(GroupStructurePolicy.mayCreate(member, as(MANAGED, GroupRole.ADMIN), GroupKind.STATIC).isAllowed())
                .isTrue();
        assertThat(GroupStructurePolicy.mayCreate(member, as(MANAGED, GroupRole.ADMIN), GroupKind.DYNAMIC)
                .isAllowed()).isFalse();
        assertThat(GroupStructurePolicy.mayCreate(member, as(MANAGED, GroupRole.MODERATOR), GroupKind.STATIC)
                .isAllowed()).isFalse();
        assertThat(GroupStructurePolicy.mayCreate(itAdmin, null, GroupKind.DYNAMIC).isAllowed()).isTrue();
        assertThat(GroupStructurePolicy.mayCreate(null, null, GroupKind.STATIC).isAllowed())
                .as("a standalone group").isTrue();
    }

    @Test
    void a_move_needs_the_settings_right_on_the_group_and_both_parents() {
        GroupAccess group = as(MANAGED, GroupRole.ADMIN);
        assertThat(GroupStructurePolicy.mayMove(group, null, as(OTHER, GroupRole.MEMBER)).outcome())
                .isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(GroupStructurePolicy.mayMove(group, as(OTHER, GroupRole.MODERATOR), null).outcome())
                .isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(GroupStructurePolicy.mayMove(as(MANAGED, GroupRole.MODERATOR), null, as(OTHER, GroupRole.ADMIN))
                .outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(GroupStructurePolicy.mayMove(group, as(OTHER, GroupRole.ADMIN), null).isAllowed()).isTrue();
    }

    @Test
    void a_subtree_delete_names_a_blocking_group_only_when_the_caller_sees_it() {
        GroupAccess root = as(MANAGED, GroupRole.OWNER);
        Decision hidden = GroupStructurePolicy.mayDeleteSubtree(root, List.of(as(HIDDEN, null)));
        assertThat(hidden.outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
        assertThat(hidden.reason()).contains("cannot see").doesNotContain(HIDDEN.id().toString());
        Decision visible = GroupStructurePolicy.mayDeleteSubtree(root, List.of(as(OTHER, GroupRole.MEMBER)));
        assertThat(visible.reason()).contains(OTHER.id().toString());
        assertThat(GroupStructurePolicy.mayDeleteSubtree(root, List.of(as(OTHER, GroupRole.OWNER))).isAllowed())
                .isTrue();
    }

    @Test
    void a_rule_reads_only_groups_whose_members_its_author_may_read() {
        assertThat(GroupStructurePolicy.mayReadThroughRule(List.of(as(HIDDEN, null))).outcome())
                .isEqualTo(Decision.Outcome.BEYOND_REACH);
        assertThat(GroupStructurePolicy.mayReadThroughRule(List.of(as(OTHER, null))).isAllowed()).isTrue();
    }
}
