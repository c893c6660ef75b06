package circles.domain.rule;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.EvaluationContext;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One org held in memory as an {@link EvaluationContext}: its members, the parents in its master-data trees and
 * the active effective members of its other groups. For tests and small orgs.
 */
public final class OrgSnapshot implements EvaluationContext {
    private final Map<UserId, Candidate> members = new LinkedHashMap<>();
    private final Map<String, UserId> byEmail = new HashMap<>();
    private final Map<MasterDataKind, Map<String, String>> parents = new EnumMap<>(MasterDataKind.class);
    private final Map<GroupId, Set<UserId>> groups = new HashMap<>();
    private final Map<Object, Object> memos = new HashMap<>();
    private final OrgId orgId;
    private final Instant now;

    /**
     * @param parents per tree kind, the parent key of each key that has one (roots may be absent)
     * @param groups  the active effective members of each group of the org
     */
    public OrgSnapshot(OrgId orgId, Instant now, Collection<Candidate> members, Map<MasterDataKind, Map<String, String>> parents,
                       Map<GroupId, Set<UserId>> groups) {
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.now = Objects.requireNonNull(now, "now");
        members.stream().sorted((a, b) -> a.userId().compareTo(b.userId())).forEach(member -> {
            this.members.put(member.userId(), member);
            String email = member.profile().email();
            if (email != null) {
                byEmail.putIfAbsent(email.strip().toLowerCase(Locale.ROOT), member.userId());
            }
        });
        parents.forEach((kind, map) -> this.parents.put(kind, Map.copyOf(map)));
        groups.forEach((group, ids) -> this.groups.put(group, Set.copyOf(ids)));
    }

    public static OrgSnapshot of(OrgId orgId, Instant now, Collection<OrgMember> members, Collection<MasterDataNode> masterData,
                                 Map<GroupId, Set<UserId>> groups) {
        Map<MasterDataKind, Map<String, String>> parents = new EnumMap<>(MasterDataKind.class);
        for (MasterDataNode node : masterData) {
            if (node.kind().isTree() && node.parentKey() != null) {
                parents.computeIfAbsent(node.kind(), kind -> new HashMap<>())
                        .put(node.key().value(), node.parentKey().value());
            }
        }
        return new OrgSnapshot(orgId, now, members.stream().map(Candidate::of).toList(), parents, groups);
    }

    @Override
    public OrgId orgId() {
        return orgId;
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Every org member, whatever their status. */
    public Set<UserId> memberIds() {
        return members.keySet();
    }

    @Override
    public Optional<Candidate> candidate(UserId userId) {
        return Optional.ofNullable(members.get(userId));
    }

    @Override
    public Optional<UserId> resolveMember(String userIdOrEmail) {
        if (userIdOrEmail == null || userIdOrEmail.isBlank()) {
            return Optional.empty();
        }
        String reference = userIdOrEmail.strip();
        try {
            UserId id = UserId.of(reference);
            if (members.containsKey(id)) {
                return Optional.of(id);
            }
        } catch (RuleViolation notAnId) {
            // not a possible user id: it can still be an email
        }
        return Optional.ofNullable(byEmail.get(reference.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<String> ancestors(MasterDataKind kind, String key) {
        Map<String, String> tree = parents.getOrDefault(kind, Map.of());
        return MasterDataNode.ancestors(tree, key);
    }

    /** Kept for the life of this snapshot, which is one evaluation. */
    @Override
    public <T> T memo(Object key, Supplier<T> compute) {
        synchronized (memos) {
            @SuppressWarnings("unchecked")
            T known = (T) memos.get(key);
            if (known == null) {
                known = compute.get();
                memos.put(key, known);
            }
            return known;
        }
    }

    @Override
    public boolean isMemberOf(GroupId groupId, UserId userId) {
        return groups.getOrDefault(groupId, Set.of()).contains(userId);
    }
}
