package circles.application;

import circles.application.port.out.idempotency.IdempotencyStore;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.Organization;
import circles.domain.shared.InvalidInput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The state the in-memory ports share, standing in for the database. Rows are stored as copies, so a service
 * that changes a loaded object without saving it changes nothing here. Every write needs an open transaction.
 */
public final class InMemoryDatabase {
    public record OrgMemberKey(OrgId orgId, UserId userId) {
    }

    public record MemberKey(GroupId groupId, UserId userId) {
    }

    public record KnownUser(UserId userId, String name, String email) {
    }

    final Map<OrgId, Organization> orgs = new LinkedHashMap<>();
    final Map<OrgMemberKey, OrgMember> orgMembers = new LinkedHashMap<>();
    final Map<GroupId, Group> groups = new LinkedHashMap<>();
    final Map<MemberKey, Membership> memberships = new LinkedHashMap<>();
    final Map<UUID, Assignment> assignments = new LinkedHashMap<>();
    final Map<UserId, KnownUser> users = new LinkedHashMap<>();
    final List<AuditEvent> auditEvents = new ArrayList<>();
    final Map<IdempotencyStore.Key, IdempotencyStore.Answer> answers = new LinkedHashMap<>();

    private int openTransactions;
    private int transactionsRun;
    /** Memberships handed out or saved in the open transaction: the ones it may update (memberships have no version). */
    private final Set<Membership> membershipsOfTransaction = Collections.newSetFromMap(new IdentityHashMap<>());

    void begin() {
        if (openTransactions == 0) {
            transactionsRun++;
            membershipsOfTransaction.clear();
        }
        openTransactions++;
    }

    void end() {
        openTransactions--;
        if (openTransactions == 0) {
            membershipsOfTransaction.clear();
        }
    }

    /** A membership read in the open transaction, which a later save in it updates. */
    Membership loaded(Membership membership) {
        if (openTransactions > 0) {
            membershipsOfTransaction.add(membership);
        }
        return membership;
    }

    boolean loadedInTransaction(Membership membership) {
        return membershipsOfTransaction.contains(membership);
    }

    void requireTransaction() {
        if (openTransactions == 0) {
            throw new IllegalStateException("a write outside a transaction");
        }
    }

    public int transactionsRun() {
        return transactionsRun;
    }

    public List<AuditEvent> auditEvents() {
        return List.copyOf(auditEvents);
    }

    public Map<UserId, KnownUser> users() {
        return Map.copyOf(users);
    }

    /** The ancestors of a group, nearest first. */
    List<Group> ancestorsOf(GroupId id) {
        List<Group> ancestors = new ArrayList<>();
        Group current = groups.get(id);
        while (current != null && current.parentId() != null) {
            current = groups.get(current.parentId());
            if (current != null) {
                ancestors.add(current);
            }
        }
        return ancestors;
    }

    /** The descendants of a group, breadth first: parents before their children. */
    List<Group> descendantsOf(GroupId id) {
        List<Group> found = new ArrayList<>();
        java.util.Deque<GroupId> next = new java.util.ArrayDeque<>(List.of(id));
        while (!next.isEmpty()) {
            GroupId parent = next.poll();
            for (Group group : groups.values()) {
                if (parent.equals(group.parentId())) {
                    found.add(group);
                    next.add(group.id());
                }
            }
        }
        return found;
    }

    /** Offset cursors: the cursor is the index of the next item. */
    static <T> Page<T> page(List<T> all, PageRequest request) {
        int from;
        try {
            from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor", "is not a cursor this service issued");
        }
        if (from < 0 || from > all.size()) {
            throw new InvalidInput("cursor", "is not a cursor this service issued");
        }
        int to = Math.min(all.size(), from + request.limit());
        return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
    }

    static Group copy(Group g, long version) {
        return Group.restore(g.id(), g.orgIdOrNull(), g.description(), g.slug(), g.type(), g.kind(), g.parentId(),
                g.visibility(), g.ownerId(), g.reviewerId(), g.settings(), g.metadata(), g.status(), g.expiresAt(),
                g.preset(), version, g.createdAt(), g.updatedAt());
    }

    static Membership copy(Membership m) {
        return Membership.restore(m.groupId(), m.orgId(), m.userId(), m.role(), m.status(), m.joinedAt(),
                m.invitedBy(), m.validFrom(), m.validUntil(), m.permissions(), m.notificationOverride());
    }

    static OrgMember copy(OrgMember m, long version) {
        return OrgMember.restore(m.orgId(), m.userId(), m.role(), m.status(), m.profile(), m.joinedAt(), version,
                m.updatedAt());
    }

    static Organization copy(Organization o, long version) {
        return Organization.restore(o.id(), o.name(), o.slug(), version, o.createdAt(), o.updatedAt());
    }
}
