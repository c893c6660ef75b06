package circles.application.service.group;

import circles.application.port.in.group.ArchiveGroupUseCase;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.group.DeleteGroupUseCase;
import circles.application.port.in.group.GetGroupHierarchyUseCase;
import circles.application.port.in.group.GetGroupUseCase;
import circles.application.port.in.group.GroupView;
import circles.application.port.in.group.ListGroupsUseCase;
import circles.application.port.in.group.ListSubgroupsUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.group.GroupCreations;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.port.out.event.PublicEventType;
import circles.application.service.event.PublicEvents;
import circles.application.service.dynamic.engine.DynamicGroupChecks;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.dynamic.RuleAuthors;
import circles.application.service.rule.RuleValidationService;
import circles.application.service.shared.Versions;
import circles.domain.access.GroupAccess;
import circles.domain.access.GroupStructurePolicy;
import circles.domain.access.OrgAccess;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Nesting;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class GroupService implements CreateGroupUseCase, GetGroupUseCase, ListGroupsUseCase,
        ListSubgroupsUseCase, UpdateGroupUseCase, ArchiveGroupUseCase, DeleteGroupUseCase, GetGroupHierarchyUseCase {
    private static final int SLUG_ATTEMPTS = 50;

    private final UnitOfWork tx;
    private final Access access;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final OrgMemberRepository orgMembers;
    private final Audit audit;
    private final Clock clock;
    private final DynamicGroupEngine engine;
    private final DynamicGroupViews views;
    private final RuleValidationService rules;
    private final PublicEvents events;
    private final GroupCreations creations;

    public GroupService(UnitOfWork tx, Access access, GroupRepository groups, MembershipRepository memberships,
                        OrgMemberRepository orgMembers, AuditLog auditLog, Clock clock) {
        this(tx, access, groups, memberships, orgMembers, auditLog, clock, null, null, null);
    }

    /** With {@code engine} null (and {@code views} and {@code rules}), dynamic groups cannot be created. */
    public GroupService(UnitOfWork tx, Access access, GroupRepository groups, MembershipRepository memberships,
                        OrgMemberRepository orgMembers, AuditLog auditLog, Clock clock,
                        DynamicGroupEngine engine, DynamicGroupViews views, RuleValidationService rules) {
        this(tx, access, groups, memberships, orgMembers, auditLog, clock, engine, views, rules,
                PublicEvents.discarding(clock));
    }

    /** With {@code events}, every change of an org group is a public event too. */
    public GroupService(UnitOfWork tx, Access access, GroupRepository groups, MembershipRepository memberships,
                        OrgMemberRepository orgMembers, AuditLog auditLog, Clock clock,
                        DynamicGroupEngine engine, DynamicGroupViews views, RuleValidationService rules,
                        PublicEvents events) {
        this(tx, access, groups, memberships, orgMembers, auditLog, clock, engine, views, rules, events, null);
    }

    /**
     * With {@code creations}, a new static org group is checked in a transaction of its own (which writes nothing)
     * and then written through {@code creations}, which may commit it together with concurrent creates of its org.
     * Without, every create is one transaction that checks and writes.
     */
    public GroupService(UnitOfWork tx, Access access, GroupRepository groups, MembershipRepository memberships,
                        OrgMemberRepository orgMembers, AuditLog auditLog, Clock clock,
                        DynamicGroupEngine engine, DynamicGroupViews views, RuleValidationService rules,
                        PublicEvents events, GroupCreations creations) {
        this.creations = creations;
        this.events = events;
        this.engine = engine;
        this.views = views;
        this.rules = rules;
        this.tx = tx;
        this.access = access;
        this.groups = groups;
        this.memberships = memberships;
        this.orgMembers = orgMembers;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public GroupView create(CreateGroupUseCase.Command command) {
        Group.Draft draft = command.draft();
        boolean batchable = creations != null && draft.orgId() != null && draft.kind() != GroupKind.DYNAMIC
                && command.rule() == null && command.refreshIntervalMinutes() == null;
        if (!batchable) {
            return createAlone(command);
        }
        // The checks read only; the writes follow in a transaction that may hold concurrent creates of the org too.
        GroupCreations.Creation creation = tx.inTransaction(() -> {
            Actor actor = access.actor();
            Group parent = draft.parentId() == null ? null : visibleGroup(draft.parentId(), "parentId");
            requireMayCreate(draft, parent);
            Group saved = creations.asStored(checkedNewGroup(draft, actor, parent, clock.instant()));
            return new GroupCreations.Creation(saved,
                    audit.event(actor, saved.orgIdOrNull(), "group.created", "group", saved.id(), createdSummary(saved)),
                    events.groupEvent(PublicEventType.GROUP_CREATED, saved).orElseThrow());
        });
        try {
            creations.commit(creation);
        } catch (Conflict taken) {
            if ("group-slug-taken".equals(taken.code()) && draft.slug() == null) {
                // A concurrent create took the derived slug first: derive it again, as a create alone would have.
                return createAlone(command);
            }
            throw taken;
        }
        // A static org group just made has no subgroup and no member.
        return new GroupView(creation.group(), 0);
    }

    /** A new group that passes the checks of its name, slug (the next free one if derived), nesting and reviewer. */
    private Group checkedNewGroup(Group.Draft draft, Actor actor, Group parent, Instant now) {
        Group group = Group.create(draft, actor.userId(), now);
        requireNameFree(group.orgIdOrNull(), group.name(), null);
        group = withFreeSlug(group, draft.slug() != null);
        if (parent != null) {
            Nesting.check(group, parent, ids(groups.ancestors(parent.id())), 1);
        }
        requireReviewerInOrg(group.orgIdOrNull(), group.reviewerId());
        return group;
    }

    private static Map<String, Object> createdSummary(Group group) {
        return Map.of("name", group.name(), "type", lower(group.type()), "visibility", lower(group.visibility()));
    }

    /** One transaction that checks and writes: every create without {@code creations}, and those it does not take. */
    private GroupView createAlone(CreateGroupUseCase.Command command) {
        return tx.inTransaction(() -> {
            Group.Draft draft = command.draft();
            Actor actor = access.actor();
            Group parent = draft.parentId() == null ? null : visibleGroup(draft.parentId(), "parentId");
            if (draft.kind() == GroupKind.DYNAMIC && draft.orgId() == null) {
                throw RuleViolation.invalidField("orgId", "dynamic groups belong to an org");
            }
            requireMayCreate(draft, parent);
            boolean dynamic = draft.kind() == GroupKind.DYNAMIC;
            circles.domain.rule.Rule rule = null;
            int interval = 0;
            if (dynamic) {
                if (engine == null) {
                    throw RuleViolation.invalidField("kind", "dynamic groups are not available");
                }
                if (draft.orgId() == null) {
                    throw RuleViolation.invalidField("orgId", "dynamic groups belong to an org");
                }
                rule = DynamicGroupChecks.parse(rules, command.rule());
                RuleAuthors.requireReadable(access, groups, draft.orgId(), rule);
                interval = DynamicGroupChecks.interval(command.refreshIntervalMinutes());
            } else if (command.rule() != null || command.refreshIntervalMinutes() != null) {
                throw RuleViolation.invalidField(command.rule() != null ? "rule" : "refreshIntervalMinutes",
                        "only dynamic groups have a rule");
            }
            Instant now = clock.instant();
            Group saved = groups.save(checkedNewGroup(draft, actor, parent, now));
            // Before the evaluation: the events of its first members follow the group's own.
            events.group(PublicEventType.GROUP_CREATED, saved);
            if (dynamic) {
                engine.install(saved, rule, interval,
                        circles.application.port.out.membership.MembershipHistory.Cause.RULE_CHANGE);
            }
            if (saved.isStandalone()) {
                memberships.save(Membership.start(saved, actor.userId(),
                        Membership.Terms.of(GroupRole.OWNER, MembershipStatus.ACTIVE), null, now));
            }
            audit.record(actor, saved.orgIdOrNull(), "group.created", "group", saved.id(), createdSummary(saved));
            if (dynamic) {
                return view(saved);
            }
            // A static group just made has no subgroup, and no member but the owner of a standalone group: its
            // count is known without asking the database.
            return new GroupView(saved, saved.isStandalone() ? 1 : 0);
        });
    }

    /** See {@link GroupStructurePolicy#mayCreate}: 404 for an org the caller is not in, 403 for a missing right. */
    private void requireMayCreate(Group.Draft draft, Group parent) {
        OrgAccess org = draft.orgId() == null ? null : access.requireOrgMember(draft.orgId());
        GroupAccess parentAccess = parent == null ? null : access.group(parent);
        GroupStructurePolicy.mayCreate(org, parentAccess, draft.kind()).orThrow();
    }

    /** A derived slug takes the next free suffix; a slug the caller chose must be free. */
    private Group withFreeSlug(Group group, boolean chosen) {
        if (!groups.slugTaken(group.orgIdOrNull(), group.slug(), group.id())) {
            return group;
        }
        if (chosen) {
            throw new Conflict("group-slug-taken", "slug '" + group.slug() + "' is taken in this scope");
        }
        String base = group.slug().value();
        for (int suffix = 2; suffix < SLUG_ATTEMPTS; suffix++) {
            String trimmedBase = base.length() > Slug.MAX - 6 ? base.substring(0, Slug.MAX - 6) : base;
            Slug candidate = new Slug(trimmedBase + "-" + suffix);
            if (!groups.slugTaken(group.orgIdOrNull(), candidate, group.id())) {
                group.changeSlug(candidate, group.updatedAt());
                return group;
            }
        }
        throw new Conflict("group-slug-taken", "no free slug derived from '" + base + "'; choose one");
    }

    private void requireNameFree(OrgId orgId, String name, GroupId except) {
        if (orgId != null && groups.nameTaken(orgId, name, except)) {
            throw new Conflict("group-name-taken", "a group named '" + name + "' exists in this org already");
        }
    }

    private void requireReviewerInOrg(OrgId orgId, UserId reviewerId) {
        if (reviewerId == null || orgId == null) {
            return;
        }
        if (orgMembers.find(orgId, reviewerId).isEmpty()) {
            throw RuleViolation.invalidField("reviewerId", "must be a member of the group's org");
        }
    }

    private Group visibleGroup(GroupId id, String field) {
        try {
            return access.requireVisible(id).group();
        } catch (NotFound missing) {
            throw RuleViolation.invalidField(field, "group " + id + " does not exist");
        }
    }

    @Override
    public GroupView get(GroupId groupId) {
        return tx.inTransaction(() -> view(access.requireVisible(groupId).group()));
    }

    @Override
    public Page<GroupView> list(ListGroupsUseCase.Query query, PageRequest page) {
        return tx.inTransaction(() -> {
            GroupRepository.Viewer viewer = viewer();
            if (query.orgId() != null && !viewer.platformAdmin() && !viewer.memberOrgs().contains(query.orgId())) {
                return new Page<GroupView>(List.of(), null);
            }
            return views(groups.list(new GroupRepository.Query(viewer, query.orgId(), query.type(), query.kind(),
                    query.parentId(), query.visibility(), query.status(), query.text(), query.membership(),
                    query.sort()), page));
        });
    }

    @Override
    public Page<GroupView> subgroups(GroupId groupId, PageRequest page) {
        return tx.inTransaction(() -> {
            Group parent = access.requireVisible(groupId).group();
            return views(groups.list(new GroupRepository.Query(viewer(), parent.orgIdOrNull(), null, null,
                    parent.id(), null, null, null, null, GroupRepository.Sort.NAME), page));
        });
    }

    private GroupRepository.Viewer viewer() {
        Actor actor = access.actor();
        Set<OrgId> adminOrgs = new HashSet<>();
        Set<OrgId> memberOrgs = new HashSet<>();
        for (var membership : orgMembers.membershipsOf(actor.userId())) {
            if (membership.status() != MemberStatus.ACTIVE) {
                continue;
            }
            memberOrgs.add(membership.orgId());
            if (membership.role().administers()) {
                adminOrgs.add(membership.orgId());
            }
        }
        return new GroupRepository.Viewer(actor.userId(), actor.isPlatformAdmin(), adminOrgs, memberOrgs);
    }

    @Override
    public GroupView update(UpdateGroupUseCase.Command command) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireSettingsRight(command.groupId());
            Group group = caller.group();
            Versions.require("group", command.expectedVersion(), group.version());
            Instant now = clock.instant();
            Map<String, Object> changes = new LinkedHashMap<>();
            applyDescription(group, command, now, changes);
            if (command.slug() != null) {
                Slug slug = command.slug().orElseThrow(() -> RuleViolation.invalidField("slug", "must not be null"));
                if (!slug.equals(group.slug())) {
                    if (groups.slugTaken(group.orgIdOrNull(), slug, group.id())) {
                        throw new Conflict("group-slug-taken", "slug '" + slug + "' is taken in this scope");
                    }
                    group.changeSlug(slug, now);
                    changes.put("slug", slug.value());
                }
            }
            if (command.type() != null) {
                group.changeType(command.type().orElseThrow(() -> RuleViolation.invalidField("type", "must not be null")), now);
                changes.put("type", lower(group.type()));
            }
            if (command.visibility() != null) {
                group.changeVisibility(command.visibility()
                        .orElseThrow(() -> RuleViolation.invalidField("visibility", "must not be null")), now);
                changes.put("visibility", lower(group.visibility()));
            }
            GroupId oldParent = group.parentId();
            if (command.parentId() != null) {
                move(caller, group, command.parentId().orElse(null), now);
                if (!Objects.equals(oldParent, group.parentId())) {
                    changes.put("parentId", String.valueOf(group.parentId()));
                }
            }
            if (command.reviewerId() != null) {
                UserId reviewer = command.reviewerId().orElse(null);
                requireReviewerInOrg(group.orgIdOrNull(), reviewer);
                group.assignReviewer(reviewer, now);
                changes.put("reviewerId", String.valueOf(reviewer));
            }
            if (command.settings() != null) {
                group.changeSettings(command.settings()
                        .orElseThrow(() -> RuleViolation.invalidField("settings", "must not be null")), now);
                changes.put("settings", "changed");
            }
            if (command.metadata() != null) {
                group.changeMetadata(command.metadata().orElse(Map.of()), now);
                changes.put("metadata", "changed");
            }
            if (command.expiresAt() != null) {
                group.changeExpiry(command.expiresAt().orElse(null), now);
                changes.put("expiresAt", String.valueOf(group.expiresAt()));
            }
            if (changes.isEmpty()) {
                return view(group);
            }
            Group saved = groups.save(group);
            if (changes.containsKey("parentId")) {
                events.groupMoved(saved, oldParent);
            }
            if (changes.size() > (changes.containsKey("parentId") ? 1 : 0)) {
                events.group(PublicEventType.GROUP_UPDATED, saved);
            }
            audit.record(caller.actor(), saved.orgIdOrNull(), "group.updated", "group", saved.id(), changes);
            return view(saved);
        });
    }

    private void applyDescription(Group group, UpdateGroupUseCase.Command command, Instant now,
                                  Map<String, Object> changes) {
        GroupDescription current = group.description();
        GroupDescription next = new GroupDescription(
                command.name() == null ? current.name()
                        : command.name().orElseThrow(() -> RuleViolation.invalidField("name", "must not be null")),
                pick(command.description(), current.description()),
                pick(command.email(), current.email()),
                pick(command.icon(), current.icon()),
                pick(command.color(), current.color()));
        if (next.equals(current)) {
            return;
        }
        if (!next.name().equalsIgnoreCase(current.name())) {
            requireNameFree(group.orgIdOrNull(), next.name(), group.id());
        }
        group.describe(next, now);
        if (!Objects.equals(next.name(), current.name())) {
            changes.put("name", next.name());
        }
        changes.put("description", "changed");
    }

    private static String pick(Optional<String> patch, String current) {
        return patch == null ? current : patch.orElse(null);
    }

    /** See {@link GroupStructurePolicy#mayMove}: the group, its current parent and its new parent. */
    private void move(GroupAccess caller, Group group, GroupId newParentId, Instant now) {
        if (Objects.equals(newParentId, group.parentId())) {
            return;
        }
        GroupAccess currentParent = group.parentId() == null ? null
                : groups.findById(group.parentId()).map(access::group).orElse(null);
        Group parent = newParentId == null ? null : visibleGroup(newParentId, "parentId");
        GroupStructurePolicy.mayMove(caller, currentParent, parent == null ? null : access.group(parent)).orThrow();
        if (parent != null) {
            List<Group> subtree = groups.descendants(group.id());
            Nesting.check(group, parent, ids(groups.ancestors(parent.id())), height(group, subtree));
        }
        group.moveUnder(newParentId, now);
    }

    /** Levels in the subtree rooted at {@code root}: 1 for a group without subgroups. */
    static int height(Group root, List<Group> descendants) {
        Map<GroupId, Integer> level = new HashMap<>();
        level.put(root.id(), 1);
        int height = 1;
        for (Group child : descendants) {
            int own = level.getOrDefault(child.parentId(), 1) + 1;
            level.put(child.id(), own);
            height = Math.max(height, own);
        }
        return height;
    }

    @Override
    public GroupView archive(GroupId groupId) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireSettingsRight(groupId);
            Group group = caller.group();
            group.archive(clock.instant());
            Group saved = groups.save(group);
            events.group(PublicEventType.GROUP_ARCHIVED, saved);
            audit.record(caller.actor(), saved.orgIdOrNull(), "group.archived", "group", saved.id(), Map.of());
            return view(saved);
        });
    }

    @Override
    public GroupView unarchive(GroupId groupId) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireSettingsRight(groupId);
            Group group = caller.group();
            group.unarchive(clock.instant());
            Group saved = groups.save(group);
            events.group(PublicEventType.GROUP_UNARCHIVED, saved);
            audit.record(caller.actor(), saved.orgIdOrNull(), "group.unarchived", "group", saved.id(), Map.of());
            return view(saved);
        });
    }

    @Override
    public void delete(GroupId groupId, boolean cascade) {
        tx.run(() -> {
            GroupAccess caller = access.requireVisible(groupId);
            GroupStructurePolicy.mayDeleteSubtree(caller, List.of()).orThrow();
            caller.group().requireDeletable();
            List<Group> descendants = groups.descendants(groupId);
            if (!descendants.isEmpty() && !cascade) {
                throw new Conflict("group-has-subgroups", "group " + groupId + " has " + descendants.size()
                        + " subgroups; delete them first or pass cascade=true");
            }
            GroupStructurePolicy.mayDeleteSubtree(caller, descendants.stream().map(access::group).toList()).orThrow();
            for (Group descendant : descendants) {
                if (descendant.isPreset()) {
                    throw new RuleViolation("preset-group-undeletable", "group " + groupId + " has the default"
                            + " group " + descendant.id() + " ('" + descendant.name() + "') in its subtree: default"
                            + " groups cannot be deleted; move it out of the subtree first");
                }
            }
            List<GroupId> doomed = new ArrayList<>(ids(descendants).reversed());
            doomed.add(groupId);
            groups.delete(doomed);
            descendants.reversed().forEach(events::groupDeleted);
            events.groupDeleted(caller.group());
            audit.record(caller.actor(), caller.group().orgIdOrNull(), "group.deleted", "group", groupId,
                    Map.of("name", caller.group().name(), "deletedSubgroups", ids(descendants).stream()
                            .map(GroupId::toString).toList()));
        });
    }

    @Override
    public Hierarchy hierarchy(GroupId groupId) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            List<Group> ancestors = groups.ancestors(groupId).stream()
                    .filter(ancestor -> access.group(ancestor).mayView())
                    .toList()
                    .reversed();
            Map<GroupId, List<Group>> childrenOf = groups.descendants(groupId).stream()
                    .filter(descendant -> access.group(descendant).mayView())
                    .collect(Collectors.groupingBy(Group::parentId, LinkedHashMap::new, Collectors.toList()));
            return new Hierarchy(ancestors, group, nodes(groupId, childrenOf));
        });
    }

    private static List<Node> nodes(GroupId parent, Map<GroupId, List<Group>> childrenOf) {
        return childrenOf.getOrDefault(parent, List.of()).stream()
                .map(child -> new Node(child, nodes(child.id(), childrenOf)))
                .toList();
    }

    private GroupView view(Group group) {
        if (group.isDynamic() && engine != null) {
            return new GroupView(group, views.memberCount(group), views.describe(group));
        }
        return new GroupView(group, groups.memberCounts(List.of(group.id())).getOrDefault(group.id(), 0L));
    }

    private Page<GroupView> views(Page<Group> page) {
        Map<GroupId, Long> counts = groups.memberCounts(ids(page.items()));
        return page.map(group -> group.isDynamic() && engine != null ? view(group)
                : new GroupView(group, counts.getOrDefault(group.id(), 0L)));
    }

    private static List<GroupId> ids(List<Group> list) {
        return list.stream().map(Group::id).toList();
    }

    private static String lower(Enum<?> value) {
        return lowerName(value);
    }

    public static String lowerName(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
