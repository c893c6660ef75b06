package circles.application;

import circles.application.InMemoryDatabase.MemberKey;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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

    private static MemberKey key(GroupId groupId, UserId userId) {
        return new MemberKey(groupId, userId);
    }

    /** A copy of a stored membership, which a save in the same transaction updates. */
    private Membership loaded(Membership stored) {
        return db.loaded(InMemoryDatabase.copy(stored));
    }

    @Override
    public Optional<Membership> find(GroupId groupId, UserId userId) {
        return Optional.ofNullable(db.memberships.get(key(groupId, userId))).map(this::loaded);
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
            // As in the database: a membership this transaction did not read is new, and a user has one per group.
            MemberKey key = key(membership.groupId(), membership.userId());
            if (db.memberships.containsKey(key) && !db.loadedInTransaction(membership)) {
                throw new Conflict("group-member-exists", "the user is a member of the group already");
            }
            db.memberships.put(key, InMemoryDatabase.copy(membership));
            db.loaded(membership);
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
                .map(this::loaded)
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
                .map(membership -> new EffectiveMember(loaded(membership), membership.groupId()))
                .toList(), page);
    }

    /**
     * As the adapter: the user's direct memberships of any status, then the static ancestors of the groups where the
     * membership is effective, each reached through the nearest such group (ties: the lowest group id).
     */
    @Override
    public Page<UserGroup> groupsOf(UserId userId, OrgId orgId, Instant now, PageRequest page) {
        List<Membership> direct = db.memberships.values().stream()
                .filter(membership -> membership.userId().equals(userId))
                .filter(membership -> orgId == null || orgId.equals(membership.orgId()))
                .filter(membership -> orgId != null || membership.orgId() == null || activeIn(membership.orgId(), userId))
                .toList();
        Map<GroupId, UserGroup> found = new LinkedHashMap<>();
        for (Membership membership : direct) {
            Group group = db.groups.get(membership.groupId());
            found.put(group.id(), new UserGroup(InMemoryDatabase.copy(group, group.version()), loaded(membership),
                    true, group.id()));
        }
        Map<GroupId, Integer> depthOf = new HashMap<>();
        Map<GroupId, Membership> nearest = new HashMap<>();
        for (Membership membership : direct) {
            if (!membership.isEffectiveAt(now)) {
                continue;
            }
            List<Group> ancestors = db.ancestorsOf(membership.groupId());
            for (int i = 0; i < ancestors.size(); i++) {
                GroupId ancestor = ancestors.get(i).id();
                int depth = i + 1;
                Integer known = depthOf.get(ancestor);
                if (known == null || depth < known || depth == known
                        && membership.groupId().value().toString()
                        .compareTo(nearest.get(ancestor).groupId().value().toString()) < 0) {
                    depthOf.put(ancestor, depth);
                    nearest.put(ancestor, membership);
                }
            }
        }
        nearest.forEach((ancestorId, membership) -> {
            Group ancestor = db.groups.get(ancestorId);
            if (!found.containsKey(ancestorId) && ancestor.kind() == GroupKind.STATIC) {
                found.put(ancestorId, new UserGroup(InMemoryDatabase.copy(ancestor, ancestor.version()),
                        loaded(membership), false, membership.groupId()));
            }
        });
        List<UserGroup> groups = new ArrayList<>(found.values());
        groups.sort(Comparator.comparing((UserGroup entry) -> entry.group().name().toLowerCase(Locale.ROOT))
                .thenComparing(entry -> entry.group().id().value().toString()));
        return InMemoryDatabase.page(groups, page);
    }

    /** Across orgs, a suspended or deactivated org member has no group of that org (as the adapter). */
    private boolean activeIn(OrgId orgId, UserId userId) {
        var member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, userId));
        return member != null && member.status() == circles.domain.org.MemberStatus.ACTIVE;
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
