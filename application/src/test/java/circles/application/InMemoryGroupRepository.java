package circles.application;

import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.access.GroupAccess;
import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.Slug;
import circles.domain.shared.VersionConflict;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Groups in memory. Lists show a viewer exactly the groups the domain's {@link GroupAccess} lets them see,
 * which is what the real adapter must express in its query.
 */
public final class InMemoryGroupRepository implements GroupRepository {
    private final InMemoryDatabase db;
    private final Clock clock;

    public InMemoryGroupRepository(InMemoryDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Group save(Group group) {
        db.requireTransaction();
        Group stored = db.groups.get(group.id());
        if (stored != null && stored.version() != group.version()) {
            throw new VersionConflict("group", group.version(), stored.version());
        }
        // As the database's unique indexes: names per org, slugs per org and among standalone groups.
        if (nameTaken(group.orgIdOrNull(), group.name(), group.id())) {
            throw new Conflict("group-name-taken", "a group with this name exists in this org already");
        }
        if (slugTaken(group.orgIdOrNull(), group.slug(), group.id())) {
            throw new Conflict("group-slug-taken", "slug is taken in this scope");
        }
        // Every write, the first one included, raises the version, as the database's version column does.
        Group saved = InMemoryDatabase.copy(group, group.version() + 1);
        db.groups.put(group.id(), saved);
        return InMemoryDatabase.copy(saved, saved.version());
    }

    @Override
    public Optional<Group> findById(GroupId id) {
        return Optional.ofNullable(db.groups.get(id)).map(InMemoryGroupRepository::copy);
    }

    @Override
    public void delete(List<GroupId> ids) {
        db.requireTransaction();
        for (GroupId id : ids) {
            boolean orphansLeft = db.groups.values().stream()
                    .anyMatch(group -> id.equals(group.parentId()) && !ids.contains(group.id()));
            if (orphansLeft) {
                throw new IllegalStateException("group " + id + " still has subgroups");
            }
        }
        for (GroupId id : ids) {
            db.groups.remove(id);
            db.memberships.keySet().removeIf(key -> key.groupId().equals(id));
            db.assignments.values().removeIf(assignment -> assignment.groupId().equals(id));
        }
    }

    @Override
    public boolean nameTaken(OrgId orgId, String name, GroupId except) {
        if (orgId == null) {
            // Standalone groups may share a name; their slugs tell them apart.
            return false;
        }
        return db.groups.values().stream().anyMatch(group -> Objects.equals(group.orgIdOrNull(), orgId)
                && group.name().equalsIgnoreCase(name) && !group.id().equals(except));
    }

    @Override
    public boolean slugTaken(OrgId orgId, Slug slug, GroupId except) {
        return db.groups.values().stream().anyMatch(group -> Objects.equals(group.orgIdOrNull(), orgId)
                && group.slug().equals(slug) && !group.id().equals(except));
    }

    @Override
    public List<Group> ancestors(GroupId id) {
        return db.ancestorsOf(id).stream().map(InMemoryGroupRepository::copy).toList();
    }

    @Override
    public List<Group> descendants(GroupId id) {
        return db.descendantsOf(id).stream().map(InMemoryGroupRepository::copy).toList();
    }

    @Override
    public boolean hasSubgroups(GroupId id) {
        return db.groups.values().stream().anyMatch(group -> id.equals(group.parentId()));
    }

    @Override
    public Map<GroupId, Long> memberCounts(Collection<GroupId> ids) {
        Instant now = clock.instant();
        Map<GroupId, Long> counts = new LinkedHashMap<>();
        for (GroupId id : ids) {
            Set<GroupId> subtree = new HashSet<>(List.of(id));
            db.descendantsOf(id).forEach(group -> subtree.add(group.id()));
            counts.put(id, db.memberships.values().stream()
                    .filter(membership -> subtree.contains(membership.groupId()) && membership.isEffectiveAt(now))
                    .map(Membership::userId)
                    .distinct()
                    .count());
        }
        return counts;
    }

    @Override
    public List<Group> autoAddGroups(OrgId orgId) {
        return db.groups.values().stream()
                .filter(group -> orgId.equals(group.orgIdOrNull()) && group.kind() == GroupKind.STATIC
                        && group.status() == GroupStatus.ACTIVE && group.settings().autoAddNewOrgMembers())
                .map(InMemoryGroupRepository::copy)
                .toList();
    }

    @Override
    public List<Group> claimExpired(Instant now, int limit) {
        return db.groups.values().stream()
                .filter(group -> group.status() == GroupStatus.ACTIVE && group.isExpiredAt(now))
                .limit(limit)
                .map(InMemoryGroupRepository::copy)
                .toList();
    }

    @Override
    public Page<Group> list(Query query, PageRequest page) {
        Comparator<Group> byName = Comparator.comparing(group -> group.name().toLowerCase(Locale.ROOT));
        Comparator<Group> order = switch (query.sort() == null ? Sort.NAME : query.sort()) {
            case NAME -> byName;
            case NAME_DESC -> byName.reversed();
            case CREATED_AT -> Comparator.comparing(Group::createdAt);
            case CREATED_AT_DESC -> Comparator.comparing(Group::createdAt).reversed();
        };
        return InMemoryDatabase.page(db.groups.values().stream()
                .filter(group -> query.orgId() == null || query.orgId().equals(group.orgIdOrNull()))
                .filter(group -> query.type() == null || group.type() == query.type())
                .filter(group -> query.kind() == null || group.kind() == query.kind())
                .filter(group -> query.parentId() == null || query.parentId().equals(group.parentId()))
                .filter(group -> query.visibility() == null || group.visibility() == query.visibility())
                .filter(group -> query.status() == null || group.status() == query.status())
                .filter(group -> query.text() == null || InMemoryOrgRepository.contains(group.name(), query.text())
                        || InMemoryOrgRepository.contains(group.slug().value(), query.text())
                        || InMemoryOrgRepository.contains(group.description().description(), query.text()))
                .filter(group -> matchesMembership(group, query))
                .filter(group -> accessOf(query.viewer(), group).mayView())
                .sorted(order.thenComparing(group -> group.id().value()))
                .map(InMemoryGroupRepository::copy)
                .toList(), page);
    }

    private boolean matchesMembership(Group group, Query query) {
        if (query.membership() == null) {
            return true;
        }
        boolean member = membershipOf(query.viewer(), group) != null;
        return switch (query.membership()) {
            case MINE -> member;
            case JOINABLE -> !member && group.status() == GroupStatus.ACTIVE
                    && accessOf(query.viewer(), group).mayJoin();
        };
    }

    private Membership membershipOf(Viewer viewer, Group group) {
        return db.memberships.get(new InMemoryDatabase.MemberKey(group.id(), viewer.userId()));
    }

    private GroupAccess accessOf(Viewer viewer, Group group) {
        Actor actor = new Actor(viewer.userId(), null, null,
                viewer.platformAdmin() ? Set.of(Actor.PLATFORM_ADMIN) : Set.of());
        OrgRole orgRole = null;
        if (!group.isStandalone()) {
            if (viewer.adminOrgs().contains(group.orgIdOrNull())) {
                orgRole = OrgRole.ADMIN;
            } else if (viewer.memberOrgs().contains(group.orgIdOrNull())) {
                orgRole = OrgRole.MEMBER;
            }
        }
        return new GroupAccess(actor, group, orgRole, membershipOf(viewer, group), clock.instant());
    }

    private static Group copy(Group group) {
        return InMemoryDatabase.copy(group, group.version());
    }
}
