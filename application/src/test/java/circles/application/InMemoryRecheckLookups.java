package circles.application;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupStatus;
import circles.domain.group.Membership;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lookups of the per-member re-check over the in-memory database and dynamic-group ports. It counts the lookups,
 * so that a test can tell a re-check from a read of the whole org.
 */
public final class InMemoryRecheckLookups implements RecheckLookups {
    private final InMemoryDatabase db;
    private final InMemoryDynamicGroups dynamic;
    private int reads;

    public InMemoryRecheckLookups(InMemoryDatabase db, InMemoryDynamicGroups dynamic) {
        this.db = db;
        this.dynamic = dynamic;
    }

    /** How many lookups were made so far. */
    public int reads() {
        return reads;
    }

    @Override
    public List<StoredRule> activeRules(OrgId orgId) {
        reads++;
        return groupsOf(orgId).stream()
                .filter(group -> group.isDynamic() && group.status() == GroupStatus.ACTIVE)
                .flatMap(group -> dynamic.definitions.rule(group.id(), orgId).stream()
                        .map(rule -> new StoredRule(group.id(), rule)))
                .toList();
    }

    @Override
    public Map<UserId, OrgMember> members(OrgId orgId, Collection<UserId> userIds) {
        reads++;
        Map<UserId, OrgMember> found = new HashMap<>();
        for (UserId userId : userIds) {
            OrgMember member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, userId));
            if (member != null) {
                found.put(userId, member);
            }
        }
        return found;
    }

    @Override
    public Optional<UserId> memberByEmail(OrgId orgId, String email) {
        reads++;
        String folded = email.strip().toLowerCase(Locale.ROOT);
        return db.orgMembers.values().stream()
                .filter(member -> member.orgId().equals(orgId) && member.profile().email() != null
                        && member.profile().email().strip().toLowerCase(Locale.ROOT).equals(folded))
                .map(OrgMember::userId).sorted().findFirst();
    }

    @Override
    public Set<GroupId> staticGroupsOf(OrgId orgId, UserId userId, Instant now) {
        reads++;
        Set<GroupId> groups = new LinkedHashSet<>();
        for (Membership membership : db.memberships.values()) {
            if (membership.userId().equals(userId) && orgId.equals(membership.orgId())
                    && membership.isEffectiveAt(now)) {
                groups.add(membership.groupId());
                db.ancestorsOf(membership.groupId()).forEach(group -> groups.add(group.id()));
            }
        }
        return groups;
    }

    @Override
    public List<OverrideEntry> overridesOf(OrgId orgId, Collection<UserId> userIds) {
        reads++;
        return groupsOf(orgId).stream()
                .flatMap(group -> dynamic.overrides.list(group.id(), orgId).stream())
                .filter(entry -> userIds.contains(entry.userId()))
                .toList();
    }

    @Override
    public Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computedOf(OrgId orgId, Collection<UserId> userIds) {
        reads++;
        Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computed = new HashMap<>();
        for (UserId userId : userIds) {
            for (var membership : dynamic.members.groupsOfUser(orgId, userId)) {
                computed.computeIfAbsent(userId, id -> new LinkedHashMap<>())
                        .put(membership.groupId(), membership.via());
            }
        }
        return computed;
    }

    @Override
    public List<UserId> reportsBelow(OrgId orgId, UserId managerId, int limit) {
        reads++;
        List<UserId> below = new ArrayList<>();
        Deque<UserId> next = new ArrayDeque<>(List.of(managerId));
        Set<UserId> seen = new HashSet<>(List.of(managerId));
        while (!next.isEmpty() && below.size() < limit) {
            UserId manager = next.poll();
            db.orgMembers.values().stream()
                    .filter(member -> member.orgId().equals(orgId) && manager.equals(member.profile().managerId()))
                    .map(OrgMember::userId).sorted()
                    .filter(seen::add)
                    .forEach(id -> {
                        below.add(id);
                        next.add(id);
                    });
        }
        return below.size() > limit ? below.subList(0, limit) : below;
    }

    private List<Group> groupsOf(OrgId orgId) {
        return db.groups.values().stream().filter(group -> orgId.equals(group.orgIdOrNull()))
                // By id as PostgreSQL orders UUIDs: the order of their text, not UUID.compareTo's signed halves.
                .sorted(Comparator.comparing(group -> group.id().value().toString())).toList();
    }
}
