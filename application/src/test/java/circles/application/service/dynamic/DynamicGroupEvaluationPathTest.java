package circles.application.service.dynamic;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.MemberStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static circles.application.service.dynamic.DynamicGroupsTestbed.ADMIN;
import static circles.application.service.dynamic.DynamicGroupsTestbed.department;
import static circles.application.service.dynamic.DynamicGroupsTestbed.memberOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which evaluation path a refresh takes: rules the store's set-based query supports are answered by it, without
 * listing the org; rules it does not support (member_of) are evaluated in memory over the org. The overrides apply
 * on both paths, with the same precedence and only for active org members.
 */
class DynamicGroupEvaluationPathTest {
    private final DynamicGroupsTestbed bed = new DynamicGroupsTestbed();

    @Test
    void a_rule_the_store_supports_is_answered_set_based_without_listing_the_org() {
        bed.member("bob", "backend");
        bed.member("carol", "sales");
        bed.member("dan", "backend");
        GroupId groupId = bed.dynamicGroup("Backend", department("backend"));
        assertThat(bed.snapshot(groupId)).containsExactly("bob", "dan");

        bed.setDepartment("carol", "backend");
        bed.setStatus("dan", MemberStatus.SUSPENDED);
        int queried = bed.ruleQuery.membersCalls();
        int listings = bed.orgMembers.listings;
        bed.circles.as(ADMIN);
        var result = bed.refresh(groupId);

        assertThat(bed.ruleQuery.membersCalls()).isEqualTo(queried + 1);
        assertThat(bed.orgMembers.listings).isEqualTo(listings);
        assertThat(bed.snapshot(groupId)).containsExactly("bob", "carol");
        assertThat(result.added()).isEqualTo(1);
        assertThat(result.removed()).isEqualTo(1);
    }

    @Test
    void a_rule_with_member_of_is_evaluated_in_memory_over_the_org() {
        bed.member("bob", "backend");
        bed.member("carol", "sales");
        GroupId backend = bed.dynamicGroup("Backend", department("backend"));
        int queried = bed.ruleQuery.membersCalls();
        int listings = bed.orgMembers.listings;

        GroupId notBackend = bed.dynamicGroup("Not backend", Map.of("not", memberOf(backend)));

        assertThat(bed.ruleQuery.membersCalls()).isEqualTo(queried);
        assertThat(bed.orgMembers.listings).isEqualTo(listings + 1);
        assertThat(bed.snapshot(notBackend)).containsExactly(ADMIN, "carol");
    }

    @Test
    void overrides_apply_on_the_set_based_path_to_active_org_members_only() {
        bed.member("bob", "backend");
        bed.member("carol", "sales");
        bed.member("dan", "sales");
        bed.member("erin", "backend");
        bed.setStatus("dan", MemberStatus.SUSPENDED);
        GroupId groupId = bed.dynamicGroup("Backend", department("backend"));
        bed.override(groupId, "carol", OverrideKind.INCLUDE);
        bed.override(groupId, "dan", OverrideKind.INCLUDE);
        bed.override(groupId, "nobody-here", OverrideKind.INCLUDE);
        bed.override(groupId, "erin", OverrideKind.EXCLUDE);
        bed.override(groupId, "bob", OverrideKind.INCLUDE);
        int listings = bed.orgMembers.listings;

        bed.circles.as(ADMIN);
        bed.refresh(groupId);

        assertThat(bed.orgMembers.listings).isEqualTo(listings);
        assertThat(bed.snapshot(groupId)).containsExactly("bob", "carol");
        var members = bed.snapshots.members(groupId, bed.org,
                new circles.application.port.out.shared.PageRequest(10, null)).items();
        assertThat(members).extracting(DynamicMembersStore.DynamicMember::via)
                .containsExactly(DynamicMembersStore.Via.RULE, DynamicMembersStore.Via.INCLUDE);
    }

    @Test
    void both_paths_give_the_same_members_for_the_same_rule() {
        for (String[] person : List.of(new String[] {"bob", "backend"}, new String[] {"carol", " Backend "},
                new String[] {"dan", "sales"}, new String[] {"erin", null})) {
            bed.member(person[0], person[1]);
        }
        bed.setStatus("dan", MemberStatus.DEACTIVATED);
        GroupId setBased = bed.dynamicGroup("Set-based", Map.of("not", department("sales")));
        GroupId anchor = bed.dynamicGroup("Anchor", department("no-such-department"));
        // "or member of an empty group" changes nothing but keeps the rule off the set-based path.
        GroupId inMemory = bed.dynamicGroup("In memory", Map.of("any", List.of(Map.of("not", department("sales")),
                memberOf(anchor))));

        assertThat(bed.snapshot(setBased)).isEqualTo(bed.snapshot(inMemory))
                .containsExactly(ADMIN, "bob", "carol", "erin");
        assertThat(bed.ruleQuery.supports(bed.rules.parse(Map.of("not", department("sales"))))).isTrue();
    }
}
