package circles.adapter.out.persistence;

import circles.application.port.out.DynamicMembersStore;
import circles.application.port.out.MembershipHistory;
import circles.application.port.out.RefreshClaims;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** What the tests of dynamic-group storage share: dynamic groups and org members to compute them from. */
abstract class DynamicGroupsTest extends PersistenceTest {
    @Inject
    DynamicMembersStore dynamicMembers;
    @Inject
    MembershipHistory history;
    @Inject
    RefreshClaims claims;

    Group newDynamicGroup(OrgId orgId) {
        String name = unique("Computed");
        Group.Draft draft = new Group.Draft(orgId, new GroupDescription(name, null, null, null, null), null,
                GroupType.CUSTOM, GroupKind.DYNAMIC, null, Visibility.PRIVATE, null, null, null, null);
        return tx(() -> groups.save(Group.create(draft, new UserId("owner"), now())));
    }

    List<UserId> newMembers(OrgId orgId, int count) {
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UserId userId = user("m" + i);
            newOrgMember(orgId, userId, OrgRole.MEMBER);
            members.add(userId);
        }
        return members;
    }
}
