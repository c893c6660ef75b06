package circles.application;

import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
import circles.domain.shared.VersionConflict;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Master data kept in memory, in the tree order the real adapter uses (paths compared segment by segment). */
public final class InMemoryMasterDataRepository implements MasterDataRepository {
    private record Key(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
    }

    private final InMemoryDatabase db;
    private final Map<Key, MasterDataNode> nodes = new LinkedHashMap<>();

    public InMemoryMasterDataRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public MasterDataNode save(MasterDataNode node) {
        db.requireTransaction();
        Key key = new Key(node.orgId(), node.kind(), node.key());
        MasterDataNode stored = nodes.get(key);
        if (stored == null && node.version() != 0) {
            // As the real adapter: an update of an entry deleted meanwhile finds nothing to update.
            throw new NotFound(node.kind().name().toLowerCase().replace('_', '-'), node.key());
        }
        if (stored != null && node.version() == 0) {
            throw new Conflict("master-data-key-taken", "duplicate key " + node.key());
        }
        if (stored != null && stored.version() != node.version()) {
            throw new VersionConflict("master data", node.version(), stored.version());
        }
        MasterDataNode saved = copy(node, stored == null ? 1 : node.version() + 1, node.path(), node.updatedAt());
        nodes.put(key, saved);
        return copy(saved, saved.version(), saved.path(), saved.updatedAt());
    }

    @Override
    public Optional<MasterDataNode> find(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        return Optional.ofNullable(nodes.get(new Key(orgId, kind, key)))
                .map(node -> copy(node, node.version(), node.path(), node.updatedAt()));
    }

    @Override
    public void delete(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        db.requireTransaction();
        if (hasChildren(orgId, kind, key)) {
            // The real adapter's foreign key refuses to orphan children; callers check first, races still land here.
            throw new Conflict("still-referenced", "something still refers to what the change would remove");
        }
        nodes.remove(new Key(orgId, kind, key));
    }

    @Override
    public Page<MasterDataNode> list(OrgId orgId, MasterDataKind kind, Filter filter, PageRequest page) {
        return InMemoryDatabase.page(nodes.values().stream()
                .filter(node -> node.orgId().equals(orgId) && node.kind() == kind)
                .filter(node -> filter.parentKey() == null || filter.parentKey().equals(node.parentKey()))
                .filter(node -> filter.query() == null || InMemoryOrgRepository.contains(node.key().value(),
                        filter.query()) || InMemoryOrgRepository.contains(node.name(), filter.query()))
                .sorted(Comparator.comparing(node -> node.path().replace('/', ' ')))
                .toList(), page);
    }

    @Override
    public void lockStructure(OrgId orgId, MasterDataKind kind) {
        db.requireTransaction();
    }

    @Override
    public boolean hasChildren(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        return nodes.values().stream().anyMatch(node -> node.orgId().equals(orgId) && node.kind() == kind
                && key.equals(node.parentKey()));
    }

    @Override
    public int heightBelow(OrgId orgId, MasterDataKind kind, String path) {
        int depth = MasterDataNode.depthOf(path);
        return nodes.values().stream()
                .filter(node -> node.orgId().equals(orgId) && node.kind() == kind
                        && node.path().startsWith(path + "/"))
                .mapToInt(node -> node.depth() - depth)
                .max().orElse(0);
    }

    @Override
    public void relocateDescendants(OrgId orgId, MasterDataKind kind, String oldPath, String newPath, Instant now) {
        db.requireTransaction();
        nodes.replaceAll((key, node) -> node.orgId().equals(orgId) && node.kind() == kind
                && node.path().startsWith(oldPath + "/")
                ? copy(node, node.version() + 1, newPath + node.path().substring(oldPath.length()), now)
                : node);
    }

    @Override
    public List<OrgMember> membersNaming(OrgId orgId, MasterDataKind kind, MasterDataKey key, int limit) {
        return db.orgMembers.values().stream()
                .filter(member -> member.orgId().equals(orgId)
                        && key.value().equals(kind.valueIn(member.profile())))
                .sorted(Comparator.comparing(OrgMember::userId))
                .limit(limit)
                .map(member -> InMemoryDatabase.copy(member, member.version()))
                .toList();
    }

    private static MasterDataNode copy(MasterDataNode node, long version, String path, Instant updatedAt) {
        return MasterDataNode.restore(node.orgId(), node.kind(), node.key(), node.name(), node.parentKey(), path,
                node.managerId(), version, node.createdAt(), updatedAt);
    }
}
