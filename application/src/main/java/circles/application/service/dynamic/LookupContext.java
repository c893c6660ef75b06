package circles.application.service.dynamic;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.ReportingLines;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.EvaluationContext;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An {@link EvaluationContext} for re-checking a few members of one org without holding the org in memory: it
 * answers what the rules ask (a member, a member named by id or email, a manager chain, the ancestors of a
 * master-data key, a membership of another group) with small lookups, each remembered for the rest of the context's
 * life, which is one event. Its answers equal those of an {@link circles.domain.rule.OrgSnapshot} of the same data.
 * It also keeps the members' stored computed memberships and override entries, which the re-check compares with.
 */
final class LookupContext implements EvaluationContext {
    /** Members are loaded at most this many per lookup. */
    private static final int BATCH = 1_000;

    /** The ports the context reads through. */
    record Reads(RecheckLookups lookups, DynamicMembersStore members, ReportingLines reportingLines,
                 MasterDataRepository masterData, GroupRepository groups) {
    }

    private final OrgId orgId;
    private final Instant now;
    private final Reads reads;
    private final Set<GroupId> dynamicGroups;
    private final Map<UserId, Optional<Candidate>> candidates = new HashMap<>();
    /** Managers learnt from reporting chains, for people not loaded as candidates (null: no manager). */
    private final Map<UserId, UserId> managers = new HashMap<>();
    private final Map<String, Optional<UserId>> named = new HashMap<>();
    private final Map<MasterDataKind, Map<String, List<String>>> ancestors = new EnumMap<>(MasterDataKind.class);
    private final Map<GroupId, Boolean> isDynamic = new HashMap<>();
    private final Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computed = new HashMap<>();
    private final Map<UserId, Set<GroupId>> staticGroups = new HashMap<>();
    private final Map<UserId, List<OverrideEntry>> overrides = new HashMap<>();
    private final Map<Object, Object> memos = new HashMap<>();

    /** @param dynamicGroups the org's active dynamic groups (other groups are looked up when a rule names them) */
    LookupContext(OrgId orgId, Instant now, Reads reads, Set<GroupId> dynamicGroups) {
        this.orgId = orgId;
        this.now = now;
        this.reads = reads;
        this.dynamicGroups = Set.copyOf(dynamicGroups);
    }

    @Override
    public OrgId orgId() {
        return orgId;
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Loads the members, their computed memberships and their override entries in a few lookups. */
    void preload(Collection<UserId> userIds) {
        List<UserId> missing = userIds.stream().filter(id -> !computed.containsKey(id)).distinct().toList();
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<UserId> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            var found = reads.lookups().members(orgId, batch);
            for (UserId id : batch) {
                candidates.put(id, Optional.ofNullable(found.get(id)).map(Candidate::of));
                overrides.put(id, new ArrayList<>());
                computed.put(id, new HashMap<>());
            }
            for (var entry : reads.lookups().overridesOf(orgId, batch)) {
                overrides.get(entry.userId()).add(entry);
            }
            reads.lookups().computedOf(orgId, batch).forEach((id, groups) -> computed.get(id).putAll(groups));
        }
    }

    @Override
    public Optional<Candidate> candidate(UserId userId) {
        Optional<Candidate> known = candidates.get(userId);
        if (known == null) {
            preload(List.of(userId));
            known = candidates.get(userId);
        }
        return known;
    }

    @Override
    public Optional<UserId> resolveMember(String userIdOrEmail) {
        if (userIdOrEmail == null || userIdOrEmail.isBlank()) {
            return Optional.empty();
        }
        Optional<UserId> known = named.get(userIdOrEmail);
        if (known == null) {
            known = resolve(userIdOrEmail.strip());
            named.put(userIdOrEmail, known);
        }
        return known;
    }

    private Optional<UserId> resolve(String reference) {
        try {
            UserId id = UserId.of(reference);
            if (candidate(id).isPresent()) {
                return Optional.of(id);
            }
        } catch (RuleViolation notAnId) {
            // not a possible user id: it can still be an email
        }
        return reads.lookups().memberByEmail(orgId, reference);
    }

    @Override
    public List<String> ancestors(MasterDataKind kind, String key) {
        if (!kind.isTree() || !MasterDataKey.isValid(key)) {
            return List.of();
        }
        Map<String, List<String>> tree = ancestors.computeIfAbsent(kind, k -> new HashMap<>());
        List<String> known = tree.get(key);
        if (known == null) {
            known = reads.masterData().find(orgId, kind, MasterDataKey.of(key))
                    .map(node -> above(node.path())).orElse(List.of());
            tree.put(key, known);
        }
        return known;
    }

    /** The keys above the last one of a path such as {@code /engineering/backend/api}, nearest first. */
    private static List<String> above(String path) {
        List<String> keys = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                keys.add(segment);
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> up = new ArrayList<>(keys.subList(0, keys.size() - 1));
        Collections.reverse(up);
        return List.copyOf(up);
    }

    @Override
    public boolean isMemberOf(GroupId groupId, UserId userId) {
        Boolean dynamic = isDynamic.get(groupId);
        if (dynamic == null) {
            dynamic = dynamicGroups.contains(groupId) ? Boolean.TRUE : reads.groups().findById(groupId)
                    .filter(group -> orgId.equals(group.orgIdOrNull())).map(Group::isDynamic).orElse(null);
            if (dynamic == null) {
                return false;
            }
            isDynamic.put(groupId, dynamic);
        }
        if (dynamic) {
            return computedVia(groupId, userId) != null;
        }
        return staticGroups.computeIfAbsent(userId, id -> reads.lookups().staticGroupsOf(orgId, id, now))
                .contains(groupId);
    }

    /** Kept for the life of this context, which is one event. */
    @Override
    public <T> T memo(Object key, Supplier<T> compute) {
        @SuppressWarnings("unchecked")
        T known = (T) memos.get(key);
        if (known == null) {
            known = compute.get();
            memos.put(key, known);
        }
        return known;
    }

    /** The managers above {@code userId}, as the default does, reading the chain in one query where it is not known. */
    @Override
    public List<UserId> managerChain(UserId userId) {
        List<UserId> chain = new ArrayList<>();
        Set<UserId> seen = new HashSet<>();
        seen.add(userId);
        UserId next = managerOf(userId);
        while (next != null && seen.add(next) && chain.size() < MAX_CHAIN) {
            chain.add(next);
            next = managerOf(next);
        }
        return chain;
    }

    private UserId managerOf(UserId userId) {
        Optional<Candidate> loaded = candidates.get(userId);
        if (loaded != null) {
            return loaded.map(candidate -> candidate.profile().managerId()).orElse(null);
        }
        if (managers.containsKey(userId)) {
            return managers.get(userId);
        }
        int max = MAX_CHAIN + 1;
        List<UserId> line = reads.reportingLines().chainFrom(orgId, userId, max);
        if (line.isEmpty()) {
            managers.put(userId, null);
            return null;
        }
        for (int i = 0; i + 1 < line.size(); i++) {
            managers.putIfAbsent(line.get(i), line.get(i + 1));
        }
        if (line.size() < max) {
            managers.putIfAbsent(line.getLast(), null);
        }
        return managers.get(userId);
    }

    /** How the user is a stored computed member of the dynamic group (null: not a member). */
    DynamicMembersStore.Via computedVia(GroupId groupId, UserId userId) {
        if (!computed.containsKey(userId)) {
            preload(List.of(userId));
        }
        return computed.get(userId).get(groupId);
    }

    /** Remembers what the re-check wrote, so that groups reading this one see it. */
    void computed(GroupId groupId, UserId userId, DynamicMembersStore.Via via) {
        Map<GroupId, DynamicMembersStore.Via> groups = computed.get(userId);
        if (via == null) {
            groups.remove(groupId);
        } else {
            groups.put(groupId, via);
        }
    }

    /** The user's override entries in the group that are in force now. */
    List<OverrideEntry> overrides(GroupId groupId, UserId userId) {
        if (!overrides.containsKey(userId)) {
            preload(List.of(userId));
        }
        return overrides.get(userId).stream()
                .filter(entry -> entry.groupId().equals(groupId) && entry.activeAt(now)).toList();
    }
}
