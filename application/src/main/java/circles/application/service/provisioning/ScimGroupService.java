package circles.application.service.provisioning;

import circles.application.port.out.event.PublicEventType;
import circles.application.service.event.PublicEvents;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.application.port.in.provisioning.ChangeProvisionedGroupUseCase;
import circles.application.port.in.provisioning.ChangeProvisionedGroupUseCase.MemberStep;
import circles.application.port.in.provisioning.DeleteProvisionedGroupUseCase;
import circles.application.port.in.provisioning.GetProvisionedGroupUseCase;
import circles.application.port.in.provisioning.ListProvisionedGroupMembersUseCase;
import circles.application.port.in.provisioning.ListProvisionedGroupsUseCase;
import circles.application.port.in.provisioning.ProvisionGroupUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.provisioning.ProvisionedGroupRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups pushed by an identity provider (SCIM): the static groups of the org. Member changes name only the members
 * concerned and are audited one by one, like those made through the REST API.
 */
public final class ScimGroupService implements ProvisionGroupUseCase, ChangeProvisionedGroupUseCase,
        DeleteProvisionedGroupUseCase, GetProvisionedGroupUseCase, ListProvisionedGroupsUseCase,
        ListProvisionedGroupMembersUseCase {
    private static final int SLUG_ATTEMPTS = 50;

    private final UnitOfWork tx;
    private final Access access;
    private final GroupRepository groups;
    private final ProvisionedGroupRepository provisioned;
    private final Audit audit;
    private final Clock clock;
    private final PublicEvents events;

    public ScimGroupService(UnitOfWork tx, Access access, GroupRepository groups,
                            ProvisionedGroupRepository provisioned, AuditLog auditLog, Clock clock) {
        this(tx, access, groups, provisioned, auditLog, clock, PublicEvents.discarding(clock));
    }

    /** With {@code events}, provisioned groups and their members are public events too. */
    public ScimGroupService(UnitOfWork tx, Access access, GroupRepository groups,
                            ProvisionedGroupRepository provisioned, AuditLog auditLog, Clock clock,
                            PublicEvents events) {
        this.events = events;
        this.tx = tx;
        this.access = access;
        this.groups = groups;
        this.provisioned = provisioned;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public ProvisionedGroup provision(ProvisionGroupUseCase.Command command) {
        return tx.inTransaction(() -> {
            Actor actor = access.requireOrgAdmin(command.orgId()).actor();
            GroupDescription description = new GroupDescription(command.displayName(), null, null, null, null);
            if (groups.nameTaken(command.orgId(), description.name(), null)) {
                throw new Conflict("group-name-taken", "a group named '" + description.name()
                        + "' exists in this org already");
            }
            Instant now = clock.instant();
            Group group = Group.create(new Group.Draft(command.orgId(), description, null, GroupType.CUSTOM,
                    GroupKind.STATIC, null, Visibility.PRIVATE, null, null, Map.of(), null), actor.userId(), now);
            Group saved = groups.save(withFreeSlug(group));
            provisioned.saveExternalId(command.orgId(), saved.id(), blankToNull(command.externalId()));
            events.group(PublicEventType.GROUP_CREATED, saved);
            audit.record(actor, command.orgId(), "group.created", "group", saved.id(),
                    Map.of("name", saved.name(), "type", "custom", "visibility", "private", "source", "scim"));
            add(actor, saved, command.members(), now);
            return load(command.orgId(), saved.id());
        });
    }

    @Override
    public ProvisionedGroup change(ChangeProvisionedGroupUseCase.Command command) {
        return tx.inTransaction(() -> {
            Actor actor = access.requireOrgAdmin(command.orgId()).actor();
            ProvisionedGroup current = load(command.orgId(), command.groupId());
            if (command.expectedVersion() != null && !command.expectedVersion().equals(current.versionTag())) {
                throw new Conflict("version-mismatch", "group " + command.groupId() + " is at version "
                        + current.versionTag() + ", not " + command.expectedVersion());
            }
            Group group = current.group();
            Instant now = clock.instant();
            if (command.displayName() != null) {
                rename(actor, group, command.displayName(), now);
            }
            if (command.externalId() != null) {
                String externalId = blankToNull(command.externalId().orElse(null));
                if (!Objects.equals(externalId, current.externalId())) {
                    provisioned.saveExternalId(command.orgId(), group.id(), externalId);
                }
            }
            for (MemberStep step : command.steps()) {
                switch (step) {
                    case MemberStep.Add add -> add(actor, group, add.userIds(), now);
                    case MemberStep.Remove remove ->
                            removed(actor, group, provisioned.removeMembers(group.id(), distinct(remove.userIds())));
                    case MemberStep.RetainOnly retain ->
                            removed(actor, group, provisioned.retainOnly(group.id(), distinct(retain.userIds())));
                }
            }
            return load(command.orgId(), command.groupId());
        });
    }

    @Override
    public void delete(OrgId orgId, GroupId groupId) {
        tx.run(() -> {
            Actor actor = access.requireOrgAdmin(orgId).actor();
            Group group = load(orgId, groupId).group();
            if (groups.hasSubgroups(groupId)) {
                throw new Conflict("group-has-subgroups", "group " + groupId + " has subgroups; delete them first");
            }
            groups.delete(List.of(groupId));
            events.groupDeleted(group);
            audit.record(actor, orgId, "group.deleted", "group", groupId,
                    Map.of("name", group.name(), "source", "scim"));
        });
    }

    @Override
    public ProvisionedGroup get(OrgId orgId, GroupId groupId) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return load(orgId, groupId);
        });
    }

    @Override
    public Page<ProvisionedGroup> list(OrgId orgId, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return provisioned.list(orgId, page);
        });
    }

    @Override
    public Page<ProvisionedGroupRepository.MemberRef> members(OrgId orgId, GroupId groupId, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            load(orgId, groupId);
            return provisioned.members(groupId, page);
        });
    }

    private void rename(Actor actor, Group group, String displayName, Instant now) {
        GroupDescription current = group.description();
        GroupDescription next = new GroupDescription(displayName, current.description(), current.email(),
                current.icon(), current.color());
        if (next.name().equals(current.name())) {
            return;
        }
        if (!next.name().equalsIgnoreCase(current.name())
                && groups.nameTaken(group.orgIdOrNull(), next.name(), group.id())) {
            throw new Conflict("group-name-taken", "a group named '" + next.name() + "' exists in this org already");
        }
        group.describe(next, now);
        events.group(PublicEventType.GROUP_UPDATED, groups.save(group));
        audit.record(actor, group.orgIdOrNull(), "group.updated", "group", group.id(),
                Map.of("name", next.name(), "source", "scim"));
    }

    /**
     * Adds org members as plain members; anyone who is not a member of the org, or whom the provider deleted, fails
     * the whole change.
     */
    private void add(Actor actor, Group group, List<UserId> userIds, Instant now) {
        List<UserId> wanted = distinct(userIds);
        if (wanted.isEmpty()) {
            return;
        }
        Set<UserId> inOrg = new HashSet<>(provisioned.inView(group.orgIdOrNull(), wanted));
        List<FieldError> errors = new ArrayList<>();
        for (UserId userId : wanted) {
            if (!inOrg.contains(userId)) {
                errors.add(new FieldError("members", userId + " is not a member of the org"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("not-an-org-member", errors.size() + " of the members to add are not members"
                    + " of the org: " + errors.stream().limit(5).map(FieldError::message).toList(), errors);
        }
        for (UserId added : provisioned.addMembers(group, wanted, now)) {
            events.directMember(PublicEventType.GROUP_MEMBER_ADDED, group.orgIdOrNull(), group.id(), added,
                    GroupRole.MEMBER, MembershipStatus.ACTIVE);
            audit.record(actor, group.orgIdOrNull(), "group_member.added", "group_member", added,
                    Map.of("groupId", group.id().toString(), "role", "member", "source", "scim"));
        }
    }

    private void removed(Actor actor, Group group, List<UserId> removed) {
        for (UserId userId : removed) {
            // The provider manages plain members: it adds them as active members and removes them as such.
            events.directMember(PublicEventType.GROUP_MEMBER_REMOVED, group.orgIdOrNull(), group.id(), userId,
                    GroupRole.MEMBER, MembershipStatus.ACTIVE);
            audit.record(actor, group.orgIdOrNull(), "group_member.removed", "group_member", userId,
                    Map.of("groupId", group.id().toString(), "source", "scim"));
        }
    }

    private Group withFreeSlug(Group group) {
        if (!groups.slugTaken(group.orgIdOrNull(), group.slug(), group.id())) {
            return group;
        }
        String base = group.slug().value();
        String trimmedBase = base.length() > Slug.MAX - 6 ? base.substring(0, Slug.MAX - 6) : base;
        for (int suffix = 2; suffix < SLUG_ATTEMPTS; suffix++) {
            Slug candidate = new Slug(trimmedBase + "-" + suffix);
            if (!groups.slugTaken(group.orgIdOrNull(), candidate, group.id())) {
                group.changeSlug(candidate, group.updatedAt());
                return group;
            }
        }
        throw new Conflict("group-slug-taken", "no free slug derived from '" + base + "'");
    }

    private ProvisionedGroup load(OrgId orgId, GroupId groupId) {
        return provisioned.find(orgId, groupId).orElseThrow(() -> new NotFound("group", groupId));
    }

    private static List<UserId> distinct(List<UserId> userIds) {
        return List.copyOf(new LinkedHashSet<>(userIds));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
