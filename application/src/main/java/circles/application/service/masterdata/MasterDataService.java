package circles.application.service.masterdata;

import circles.application.port.in.masterdata.CreateMasterDataUseCase;
import circles.application.port.in.masterdata.DeleteMasterDataUseCase;
import circles.application.port.in.masterdata.GetMasterDataUseCase;
import circles.application.port.in.masterdata.ListMasterDataUseCase;
import circles.application.port.in.masterdata.UpdateMasterDataUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.shared.Versions;
import circles.domain.access.OrgAccess;
import circles.domain.actor.UserId;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An org's master data: departments and locations as trees, cost centers and job titles as lists. Org admins
 * and it_admins write it, every member of the org reads it. Member profiles name entries by key; deleting an
 * entry that profiles still name requires a replacement, which is written into those profiles (each change
 * published as a {@link MemberChanged}).
 */
public final class MasterDataService implements CreateMasterDataUseCase, GetMasterDataUseCase, ListMasterDataUseCase,
        UpdateMasterDataUseCase, DeleteMasterDataUseCase {
    /** Profiles are rewritten in batches of this many members. */
    private static final int REASSIGN_BATCH = 500;

    private final UnitOfWork tx;
    private final Access access;
    private final MasterDataRepository masterData;
    private final OrgMemberRepository orgMembers;
    private final DirectoryEvents events;
    private final Audit audit;
    private final Clock clock;

    public MasterDataService(UnitOfWork tx, Access access, MasterDataRepository masterData,
                             OrgMemberRepository orgMembers, DirectoryEvents events, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.masterData = masterData;
        this.orgMembers = orgMembers;
        this.events = events;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public MasterDataNode create(CreateMasterDataUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            OrgId orgId = command.orgId();
            MasterDataKind kind = command.kind();
            masterData.lockStructure(orgId, kind);
            if (masterData.find(orgId, kind, command.key()).isPresent()) {
                throw new Conflict("master-data-key-taken",
                        label(kind) + " '" + command.key() + "' exists in this org already");
            }
            MasterDataNode parent = command.parentKey() == null || !kind.isTree() ? null
                    : existing(orgId, kind, command.parentKey(), "parentKey");
            if (command.managerId() != null && kind.isTree()) {
                requireMember(orgId, command.managerId());
            }
            MasterDataNode node = masterData.save(MasterDataNode.create(orgId, kind, command.key(), command.name(),
                    parent, kind.isTree() ? command.managerId() : null, clock.instant()));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", node.name());
            if (node.parentKey() != null) {
                summary.put("parentKey", node.parentKey().value());
                treeChanged(node);
            }
            audit.record(caller.actor(), orgId, action(kind, "created"), targetType(kind), node.key(), summary);
            return node;
        });
    }

    @Override
    public MasterDataNode get(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        return tx.inTransaction(() -> {
            access.requireOrgMember(orgId);
            return load(orgId, kind, key);
        });
    }

    @Override
    public Page<MasterDataNode> list(OrgId orgId, MasterDataKind kind, MasterDataRepository.Filter filter,
                                     PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgMember(orgId);
            MasterDataRepository.Filter given = filter == null ? MasterDataRepository.Filter.ALL : filter;
            return masterData.list(orgId, kind, given, page);
        });
    }

    @Override
    public MasterDataNode update(UpdateMasterDataUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            OrgId orgId = command.orgId();
            MasterDataKind kind = command.kind();
            boolean moves = command.parentKey() != null && kind.isTree();
            if (moves) {
                masterData.lockStructure(orgId, kind);
            }
            MasterDataNode node = load(orgId, kind, command.key());
            Versions.require(label(kind), command.expectedVersion(), node.version());
            Instant now = clock.instant();
            Map<String, Object> changes = new LinkedHashMap<>();
            if (command.name() != null && !command.name().equals(node.name())) {
                changes.put("name", Map.of("from", node.name(), "to", command.name()));
                node.rename(command.name(), now);
            }
            String movedFrom = null;
            if (command.parentKey() != null) {
                MasterDataKey newParentKey = command.parentKey().orElse(null);
                if (!Objects.equals(newParentKey, node.parentKey())) {
                    MasterDataNode parent = newParentKey == null ? null
                            : existing(orgId, kind, newParentKey, "parentKey");
                    int height = kind.isTree() ? masterData.heightBelow(orgId, kind, node.path()) : 0;
                    movedFrom = node.moveUnder(parent, height, now);
                    changes.put("path", Map.of("from", movedFrom, "to", node.path()));
                }
            }
            if (command.managerId() != null) {
                UserId manager = command.managerId().orElse(null);
                if (!Objects.equals(manager, node.managerId())) {
                    if (manager != null && kind.isTree()) {
                        requireMember(orgId, manager);
                    }
                    node.changeManager(manager, now);
                    changes.put("managerId", manager == null ? "" : manager.value());
                }
            }
            if (changes.isEmpty()) {
                return node;
            }
            MasterDataNode saved = masterData.save(node);
            if (movedFrom != null) {
                masterData.relocateDescendants(orgId, kind, movedFrom, saved.path(), now);
                treeChanged(saved);
            }
            audit.record(caller.actor(), orgId, action(kind, "updated"), targetType(kind), node.key(), changes);
            return saved;
        });
    }

    @Override
    public Result delete(DeleteMasterDataUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            OrgId orgId = command.orgId();
            MasterDataKind kind = command.kind();
            masterData.lockStructure(orgId, kind);
            MasterDataNode node = load(orgId, kind, command.key());
            if (masterData.hasChildren(orgId, kind, node.key())) {
                throw new Conflict("master-data-has-children", label(kind) + " '" + node.key()
                        + "' has children; move or delete them first");
            }
            int reassigned = 0;
            if (command.reassignTo() != null) {
                if (command.reassignTo().equals(node.key())) {
                    throw RuleViolation.invalidField("reassignTo", "must name another " + label(kind));
                }
                MasterDataNode target = existing(orgId, kind, command.reassignTo(), "reassignTo");
                reassigned = reassign(orgId, kind, node.key(), target.key());
            } else if (!masterData.membersNaming(orgId, kind, node.key(), 1).isEmpty()) {
                throw new Conflict("master-data-in-use", label(kind) + " '" + node.key() + "' is named in member"
                        + " profiles; delete it with ?reassignTo=<key> to move those members to another one");
            }
            masterData.delete(orgId, kind, node.key());
            if (node.parentKey() != null) {
                treeChanged(node);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", node.name());
            if (command.reassignTo() != null) {
                summary.put("reassignedTo", command.reassignTo().value());
                summary.put("reassignedMembers", reassigned);
            }
            audit.record(caller.actor(), orgId, action(kind, "deleted"), targetType(kind), node.key(), summary);
            return new Result(reassigned);
        });
    }

    /** Published when an entry joins, moves in or leaves a tree under a parent: ancestors of member keys differ. */
    private void treeChanged(MasterDataNode node) {
        events.publish(MasterDataTreeChanged.of(node.orgId(), node.kind(), node.key(),
                clock.instant()));
    }

    /** Rewrites every profile that names {@code from} to name {@code to}; one change event per member. */
    private int reassign(OrgId orgId, MasterDataKind kind, MasterDataKey from, MasterDataKey to) {
        int count = 0;
        Instant now = clock.instant();
        List<OrgMember> batch = masterData.membersNaming(orgId, kind, from, REASSIGN_BATCH);
        while (!batch.isEmpty()) {
            for (OrgMember member : batch) {
                MemberChanged.Snapshot before = MemberChanged.Snapshot.of(member);
                member.changeProfile(kind.replaceIn(member.profile(), to.value()), now);
                orgMembers.save(member);
                events.publish(MemberChanged.between(orgId, member.userId(), before,
                        MemberChanged.Snapshot.of(member), now));
                count++;
            }
            batch = masterData.membersNaming(orgId, kind, from, REASSIGN_BATCH);
        }
        return count;
    }

    private MasterDataNode load(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        return masterData.find(orgId, kind, key).orElseThrow(() -> new NotFound(targetType(kind).replace('_', '-'),
                key));
    }

    /** An entry a request names in {@code field}: one that does not exist breaks the request (422). */
    private MasterDataNode existing(OrgId orgId, MasterDataKind kind, MasterDataKey key, String field) {
        return masterData.find(orgId, kind, key).orElseThrow(() -> new RuleViolation("master-data-unknown",
                "there is no " + label(kind) + " '" + key + "' in this org",
                List.of(new FieldError(field, "must be the key of an existing " + label(kind)))));
    }

    private void requireMember(OrgId orgId, UserId userId) {
        Optional<OrgMember> member = orgMembers.find(orgId, userId);
        if (member.isEmpty()) {
            throw new RuleViolation("manager-not-a-member", "manager " + userId + " is not a member of this org",
                    List.of(new FieldError("managerId", "must be a member of the same org")));
        }
    }

    private static String targetType(MasterDataKind kind) {
        return kind.name().toLowerCase();
    }

    private static String action(MasterDataKind kind, String verb) {
        return targetType(kind) + "." + verb;
    }

    private static String label(MasterDataKind kind) {
        return kind.name().toLowerCase().replace('_', ' ');
    }
}
