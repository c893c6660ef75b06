package circles.application;

import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Memberships in memory, with effective membership through subgroups computed from the group tree. */
public final class InMemoryMembershipRepository implements MembershipRepository {
    private final InMemoryDatabase db;

    public InMemoryMembershipRepository(InMemoryDatabase db) {
        this.db = db;
    }

    private static InMemoryDatabase.MemberKey key(GroupId groupId, UserId userId) {
        return new InMemoryDatabase.MemberKey(groupId, userId);
    }

    @Override
    public Optional<Membership> find(GroupId groupId, UserId userId) {
        return Optional.ofNullable(db.memberships.get(key(groupId, userId))).map(InMemoryDatabase::copy);
    }

    @Override
    public void saveAll(Collection<Membership> memberships) {
        db.requireTransaction();
        for (Membership membership : memberships) {
            Group group = db.groups.get(membership.groupId());
            if (group == null) {
                throw new IllegalStateException("no group " + membership.groupId());
            }
            if (!Objects.equals(group.orgIdOrNull(), membership.orgId())) {
                throw new IllegalStateException("a membership must carry its group's org");
            }
            db.memberships.put(key(membership.groupId(), membership.userId()), InMemoryDatabase.copy(membership));
        }
    }

    @Override
    public void delete(GroupId groupId, UserId userId) {
        db.requireTransaction();
        db.memberships.remove(key(groupId, userId));
    }

    @Override
    public List<UserId> existing(GroupId groupId, Collection<UserId> userIds) {
        return userIds.stream().distinct().filter(userId -> db.memberships.containsKey(key(groupId, userId))).toList();
    }

    @Override
    public long countEffectiveOwners(GroupId groupId, Instant now) {
        return db.memberships.values().stream()
                .filter(m -> m.groupId().equals(groupId) && m.role() == GroupRole.OWNER && m.isEffectiveAt(now))
                .count();
    }

    private static boolean matches(Membership membership, Filter filter) {
        return filter == null || ((filter.role() == null || membership.role() == filter.role())
                && (filter.status() == null || membership.status() == filter.status()));
    }

    @Override
    public Page<Membership> listDirect(GroupId groupId, Filter filter, PageRequest page) {
        return InMemoryDatabase.page(db.memberships.values().stream()
                .filter(membership -> membership.groupId().equals(groupId) && matches(membership, filter))
                .sorted(Comparator.comparing(Membership::userId))
                .map(InMemoryDatabase::copy)
                .toList(), page);
    }

    @Override
    public Page<EffectiveMember> listEffective(GroupId groupId, Filter filter, Instant now, PageRequest page) {
        Map<GroupId, Integer> depth = new LinkedHashMap<>();
        depth.put(groupId, 0);
        for (Group descendant : db.descendantsOf(groupId)) {
            depth.put(descendant.id(), depth.get(descendant.parentId()) + 1);
        }
        Map<UserId, Membership> nearest = new LinkedHashMap<>();
        db.memberships.values().stream()
                .filter(membership -> depth.containsKey(membership.groupId()) && membership.isEffectiveAt(now))
                .sorted(Comparator.comparing((Membership membership) -> depth.get(membership.groupId())))
                .forEach(membership -> nearest.putIfAbsent(membership.userId(), membership));
        return InMemoryDatabase.page(nearest.values().stream()
                .filter(membership -> matches(membership, filter))
                .sorted(Comparator.comparing(Membership::userId))
                .map(membership -> new EffectiveMember(InMemoryDatabase.copy(membership), membership.groupId()))
                .toList(), page);
    }

    @Override
    public Page<UserGroup> groupsOf(UserId userId, OrgId orgId, Instant now, PageRequest page) {
        List<Membership> direct = db.memberships.values().stream()
                .filter(membership -> membership.userId().equals(userId) && membership.isEffectiveAt(now))
                .filter(membership -> orgId == null || orgId.equals(membership.orgId()))
                .toList();
        Map<GroupId, UserGroup> found = new LinkedHashMap<>();
        for (Membership membership : direct) {
            Group group = db.groups.get(membership.groupId());
            found.put(group.id(), new UserGroup(InMemoryDatabase.copy(group, group.version()),
                    InMemoryDatabase.copy(membership), true, group.id()));
        }
        for (Membership membership : direct) {
            for (Group ancestor : db.ancestorsOf(membership.groupId())) {
                found.putIfAbsent(ancestor.id(), new UserGroup(InMemoryDatabase.copy(ancestor, ancestor.version()),
                        InMemoryDatabase.copy(membership), false, membership.groupId()));
            }
        }
        List<UserGroup> groups = new ArrayList<>(found.values());
        groups.sort(Comparator.comparing((UserGroup entry) -> entry.group().name().toLowerCase(Locale.ROOT))
                .thenComparing(entry -> entry.group().id().value()));
        return InMemoryDatabase.page(groups, page);
    }

    @Override
    public List<GroupId> removeFromOrg(OrgId orgId, UserId userId) {
        db.requireTransaction();
        List<GroupId> left = db.memberships.values().stream()
                .filter(membership -> orgId.equals(membership.orgId()) && membership.userId().equals(userId))
                .map(Membership::groupId)
                .toList();
        Set<GroupId> leftSet = new HashSet<>(left);
        db.memberships.keySet().removeIf(key -> key.userId().equals(userId) && leftSet.contains(key.groupId()));
        return left;
    }

    @Override
    public List<Membership> removeEnded(Instant now, int limit) {
        db.requireTransaction();
        List<Membership> ended = db.memberships.values().stream()
                .filter(membership -> membership.hasEndedAt(now))
                .sorted(Comparator.comparing(Membership::validUntil)
                        .thenComparing(membership -> membership.groupId().value())
                        .thenComparing(membership -> membership.userId().value()))
                .limit(limit)
                .map(InMemoryDatabase::copy)
                .toList();
        ended.forEach(membership -> db.memberships.remove(key(membership.groupId(), membership.userId())));
        return ended;
    }
}
