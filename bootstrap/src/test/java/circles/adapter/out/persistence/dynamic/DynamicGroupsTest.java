package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.membership.MembershipHistory;
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
public abstract class DynamicGroupsTest extends PersistenceTest {
    @Inject
    protected DynamicMembersStore dynamicMembers;
    @Inject
    protected MembershipHistory history;
    @Inject
    protected RefreshClaims claims;

    protected Group newDynamicGroup(OrgId orgId) {
        String name = unique("Computed");
        Group.Draft draft = new Group.Draft(orgId, new GroupDescription(name, null, null, null, null), null,
                GroupType.CUSTOM, GroupKind.DYNAMIC, null, Visibility.PRIVATE, null, null, null, null);
        return tx(() -> groups.save(Group.create(draft, new UserId("owner"), now())));
    }

    protected List<UserId> newMembers(OrgId orgId, int count) {
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UserId userId = user("m" + i);
            newOrgMember(orgId, userId, OrgRole.MEMBER);
            members.add(userId);
        }
        return members;
    }
}
