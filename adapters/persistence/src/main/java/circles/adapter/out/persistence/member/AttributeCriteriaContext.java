package circles.adapter.out.persistence.member;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.EvaluationContext;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an attribute criterion may ask while it is judged in Java, once per distinct stored value, by the set-based
 * rule query and by the member index: the org and its master-data trees. Attribute criteria depend on no time, read
 * no other member and no group; asking for those is a programming error.
 */
public final class AttributeCriteriaContext implements EvaluationContext {
    private final OrgId orgId;
    private final Function<MasterDataKind, Map<String, String>> parents;
    private final Map<MasterDataKind, Map<String, String>> trees = new EnumMap<>(MasterDataKind.class);

    /** {@code parents} gives, for one kind of master data, each key's parent key (read once per kind). */
    public AttributeCriteriaContext(OrgId orgId, Function<MasterDataKind, Map<String, String>> parents) {
        this.orgId = orgId;
        this.parents = parents;
    }

    @Override
    public OrgId orgId() {
        return orgId;
    }

    @Override
    public Instant now() {
        throw new UnsupportedOperationException("attribute criteria do not depend on the time");
    }

    @Override
    public Optional<Candidate> candidate(UserId userId) {
        throw new UnsupportedOperationException("attribute criteria read no other member");
    }

    @Override
    public Optional<UserId> resolveMember(String userIdOrEmail) {
        throw new UnsupportedOperationException("attribute criteria resolve no member");
    }

    @Override
    public List<String> ancestors(MasterDataKind kind, String key) {
        Map<String, String> tree = trees.computeIfAbsent(kind, parents);
        return MasterDataNode.ancestors(tree, key);
    }

    @Override
    public boolean isMemberOf(GroupId groupId, UserId userId) {
        throw new UnsupportedOperationException("attribute criteria read no group");
    }
}
