package circles.domain.masterdata;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of an org's master data. In a tree (departments, locations) a node has an optional parent, a path
 * made of the keys from the root ({@code /engineering/backend}) and an optional manager; entries of a list
 * (cost centers, job titles) are roots without a manager. Keys never change, so a path changes only when the
 * node or one of its ancestors moves.
 */
public final class MasterDataNode {
    public static final int NAME_MAX = 200;
    /** Trees are at most this deep (a root has depth 1). */
    public static final int MAX_DEPTH = 15;

    /**
     * The keys above {@code key} in a tree given as each key's parent key, nearest first; empty for a root or an
     * unknown key. A cycle (which a stored tree never holds) ends the walk instead of looping.
     */
    public static List<String> ancestors(Map<String, String> parents, String key) {
        List<String> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(key);
        String parent = parents.get(key);
        while (parent != null && seen.add(parent)) {
            ancestors.add(parent);
            parent = parents.get(parent);
        }
        return ancestors;
    }

    private final OrgId orgId;
    private final MasterDataKind kind;
    private final MasterDataKey key;
    private String name;
    private MasterDataKey parentKey;
    private String path;
    private UserId managerId;
    private final long version;
    private final Instant createdAt;
    private Instant updatedAt;

    private MasterDataNode(OrgId orgId, MasterDataKind kind, MasterDataKey key, String name, MasterDataKey parentKey,
                           String path, UserId managerId, long version, Instant createdAt, Instant updatedAt) {
        this.orgId = Require.present(orgId, "orgId");
        this.kind = Require.present(kind, "kind");
        this.key = Require.present(key, "key");
        this.name = Require.text(name, "name", NAME_MAX);
        this.parentKey = parentKey;
        this.path = path;
        this.managerId = managerId;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** A new entry; {@code parent} (trees only) must be an entry of the same org and kind. */
    public static MasterDataNode create(OrgId orgId, MasterDataKind kind, MasterDataKey key, String name,
                                       MasterDataNode parent, UserId managerId, Instant now) {
        requireTreeFor(kind, parent != null, "parentKey", "a parent");
        requireTreeFor(kind, managerId != null, "managerId", "a manager");
        requireSameTree(orgId, kind, parent);
        MasterDataNode node = new MasterDataNode(orgId, kind, key, name, parent == null ? null : parent.key,
                pathUnder(parent, key), managerId, 0, now, now);
        requireDepth(node.depth(), "parentKey");
        return node;
    }

    /** Rebuilds a stored entry; the values were valid when saved. */
    public static MasterDataNode restore(OrgId orgId, MasterDataKind kind, MasterDataKey key, String name,
                                        MasterDataKey parentKey, String path, UserId managerId, long version,
                                        Instant createdAt, Instant updatedAt) {
        return new MasterDataNode(orgId, kind, key, name, parentKey, path, managerId, version, createdAt, updatedAt);
    }

    public void rename(String newName, Instant now) {
        this.name = Require.text(newName, "name", NAME_MAX);
        this.updatedAt = now;
    }

    public void changeManager(UserId newManager, Instant now) {
        requireTreeFor(kind, newManager != null, "managerId", "a manager");
        this.managerId = newManager;
        this.updatedAt = now;
    }

    /**
     * Moves this node (and with it its subtree, {@code subtreeHeight} levels below it) under {@code newParent},
     * or to the root when it is null. A node cannot move under itself or one of its descendants.
     *
     * @return the path the node had before, which its descendants' paths start with
     */
    public String moveUnder(MasterDataNode newParent, int subtreeHeight, Instant now) {
        requireTreeFor(kind, newParent != null, "parentKey", "a parent");
        requireSameTree(orgId, kind, newParent);
        if (newParent != null && (newParent.key.equals(key) || newParent.isBelow(this))) {
            throw new RuleViolation("master-data-cycle", kindName() + " " + key + " cannot move under "
                    + newParent.key + ", which is " + (newParent.key.equals(key) ? "itself" : "below it"),
                    List.of(new FieldError("parentKey", "must not be the node itself or one of its descendants")));
        }
        String newPath = pathUnder(newParent, key);
        requireDepth(depthOf(newPath) + subtreeHeight, "parentKey");
        String oldPath = path;
        this.parentKey = newParent == null ? null : newParent.key;
        this.path = newPath;
        this.updatedAt = now;
        return oldPath;
    }

    /** Whether this node lies strictly inside the subtree of {@code ancestor}. */
    public boolean isBelow(MasterDataNode ancestor) {
        return path.startsWith(ancestor.path + "/");
    }

    /** A root has depth 1. */
    public int depth() {
        return depthOf(path);
    }

    public static int depthOf(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }

    /** The path of {@code key} placed under {@code parent} (or at the root). */
    public static String pathUnder(MasterDataNode parent, MasterDataKey key) {
        return (parent == null ? "" : parent.path) + "/" + key.value();
    }

    private static void requireTreeFor(MasterDataKind kind, boolean given, String field, String what) {
        if (given && !kind.isTree()) {
            throw RuleViolation.invalidField(field, "only departments and locations have " + what);
        }
    }

    private static void requireSameTree(OrgId orgId, MasterDataKind kind, MasterDataNode parent) {
        if (parent != null && (!parent.orgId.equals(orgId) || parent.kind != kind)) {
            throw new IllegalArgumentException("a parent must belong to the same org and kind");
        }
    }

    private static void requireDepth(int depth, String field) {
        if (depth > MAX_DEPTH) {
            throw new RuleViolation("master-data-too-deep", "trees are at most " + MAX_DEPTH + " levels deep",
                    List.of(new FieldError(field, "would make the tree deeper than " + MAX_DEPTH + " levels")));
        }
    }

    private String kindName() {
        return kind.name().toLowerCase().replace('_', ' ');
    }

    public OrgId orgId() { return orgId; }
    public MasterDataKind kind() { return kind; }
    public MasterDataKey key() { return key; }
    public String name() { return name; }
    public MasterDataKey parentKey() { return parentKey; }
    public String path() { return path; }
    public UserId managerId() { return managerId; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterDataNode node && orgId.equals(node.orgId) && kind == node.kind
                && key.equals(node.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, kind, key);
    }
}
