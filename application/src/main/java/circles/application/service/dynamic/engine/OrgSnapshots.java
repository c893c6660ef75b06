package circles.application.service.dynamic.engine;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.MembershipStatus;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.rule.OrgSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The org as the in-memory evaluator reads it: its members, master-data trees and the members of the groups a rule
 * reads (a dynamic group's snapshot, a static group's effective members).
 */
final class OrgSnapshots {
    private static final int PAGE = PageRequest.MAX_LIMIT;

    private final GroupRepository groups;
    private final OrgMemberRepository orgMembers;
    private final MasterDataRepository masterData;
    private final MembershipRepository memberships;
    private final DynamicMembersStore dynamicMembers;

    OrgSnapshots(GroupRepository groups, OrgMemberRepository orgMembers, MasterDataRepository masterData,
                 MembershipRepository memberships, DynamicMembersStore dynamicMembers) {
        this.groups = groups;
        this.orgMembers = orgMembers;
        this.masterData = masterData;
        this.memberships = memberships;
        this.dynamicMembers = dynamicMembers;
    }

    OrgSnapshot of(OrgId orgId, Set<GroupId> referenced, Instant now) {
        List<OrgMember> members = all(page -> orgMembers.list(orgId,
                new OrgMemberRepository.Filter(null, null, null), page));
        List<MasterDataNode> nodes = new ArrayList<>();
        for (MasterDataKind kind : MasterDataKind.values()) {
            if (kind.isTree()) {
                nodes.addAll(all(page -> masterData.list(orgId, kind, MasterDataRepository.Filter.ALL, page)));
            }
        }
        Map<GroupId, Set<UserId>> groupMembers = new HashMap<>();
        for (GroupId id : referenced) {
            groupMembers.put(id, membersOf(id, orgId, now));
        }
        return OrgSnapshot.of(orgId, now, members, nodes, groupMembers);
    }

    private Set<UserId> membersOf(GroupId groupId, OrgId orgId, Instant now) {
        Group group = groups.findById(groupId).orElse(null);
        if (group == null || !orgId.equals(group.orgIdOrNull())) {
            return Set.of();
        }
        if (group.isDynamic()) {
            return dynamicMembers.memberIds(groupId, orgId);
        }
        return all(page -> memberships.listEffective(groupId,
                new MembershipRepository.Filter(null, MembershipStatus.ACTIVE), now, page)).stream()
                .map(member -> member.membership().userId()).collect(Collectors.toCollection(HashSet::new));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> fetch) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = fetch.apply(new PageRequest(PAGE, cursor));
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }
}
