package circles.application.port.out.masterdata;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An org's master data: departments and locations (trees), cost centers and job titles (lists). */
public interface MasterDataRepository {
    /** Inserts a new entry or updates one, checking the version it was loaded with. Returns the stored state. */
    MasterDataNode save(MasterDataNode node);

    Optional<MasterDataNode> find(OrgId orgId, MasterDataKind kind, MasterDataKey key);

    void delete(OrgId orgId, MasterDataKind kind, MasterDataKey key);

    /**
     * {@code parentKey}: only the children of that entry; {@code query}: a case-insensitive substring of the key or
     * the name.
     */
    record Filter(MasterDataKey parentKey, String query) {
        public static final Filter ALL = new Filter(null, null);
    }

    /** Entries in tree order: each entry right before its subtree, siblings by key. */
    Page<MasterDataNode> list(OrgId orgId, MasterDataKind kind, Filter filter, PageRequest page);

    /**
     * Serialises structural changes (adding, moving, removing entries) of one org's entries of one kind until the
     * current transaction ends, so that two concurrent moves cannot make a cycle together.
     */
    void lockStructure(OrgId orgId, MasterDataKind kind);

    boolean hasChildren(OrgId orgId, MasterDataKind kind, MasterDataKey key);

    /** How many levels lie below the entry at {@code path}: 0 for a leaf. */
    int heightBelow(OrgId orgId, MasterDataKind kind, String path);

    /** Moves the descendants of the entry that was at {@code oldPath} along with it to {@code newPath}. */
    void relocateDescendants(OrgId orgId, MasterDataKind kind, String oldPath, String newPath, Instant now);

    /** Up to {@code limit} members whose profile names {@code key} in the kind's field, by user id. */
    List<OrgMember> membersNaming(OrgId orgId, MasterDataKind kind, MasterDataKey key, int limit);
}
