package circles.application.service.membership;

import circles.application.port.out.event.PublicEventType;
import circles.application.service.event.PublicEvents;
import circles.application.port.in.membership.AddGroupMembersUseCase;
import circles.application.port.in.membership.GetGroupMemberUseCase;
import circles.application.port.in.membership.JoinGroupUseCase;
import circles.application.port.in.membership.LeaveGroupUseCase;
import circles.application.port.in.membership.ListGroupMembersUseCase;
import circles.application.port.in.membership.RemoveGroupMemberUseCase;
import circles.application.port.in.membership.UpdateGroupMemberUseCase;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.group.GroupService;
import circles.domain.access.Decision;
import circles.domain.access.GroupAccess;
import circles.domain.access.MembershipGrantPolicy;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class GroupMembershipService implements AddGroupMembersUseCase, ListGroupMembersUseCase,
        GetGroupMemberUseCase, UpdateGroupMemberUseCase, RemoveGroupMemberUseCase, JoinGroupUseCase,
        LeaveGroupUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final MembershipRepository memberships;
    private final OrgMemberRepository orgMembers;
    private final UserRepository users;
    private final Audit audit;
    private final Clock clock;
    private final DynamicMembersStore dynamicMembers;
    private final DirectoryEvents events;
    private final PublicEvents publicEvents;

    public GroupMembershipService(UnitOfWork tx, Access access, MembershipRepository memberships,
                                  OrgMemberRepository orgMembers, UserRepository users, AuditLog auditLog,
                                  Clock clock) {
        this(tx, access, memberships, orgMembers, users, auditLog, clock, null);
    }

    /** {@code dynamicMembers} lists the computed members of dynamic groups (without it they list none). */
    public GroupMembershipService(UnitOfWork tx, Access access, MembershipRepository memberships,
                                  OrgMemberRepository orgMembers, UserRepository users, AuditLog auditLog,
                                  Clock clock, DynamicMembersStore dynamicMembers) {
        this(tx, access, memberships, orgMembers, users, auditLog, clock, dynamicMembers, null);
    }

    /**
     * {@code events} publishes every change of an org group's membership, so that dynamic groups reading the group
     * (member_of) follow (without it nothing is published).
     */
    public GroupMembershipService(UnitOfWork tx, Access access, MembershipRepository memberships,
                                  OrgMemberRepository orgMembers, UserRepository users, AuditLog auditLog,
                                  Clock clock, DynamicMembersStore dynamicMembers, DirectoryEvents events) {
        this(tx, access, memberships, orgMembers, users, auditLog, clock, dynamicMembers, events,
                PublicEvents.discarding(clock));
    }

    /** {@code publicEvents} records each change of an org group's direct members in the public event log. */
    public GroupMembershipService(UnitOfWork tx, Access access, MembershipRepository memberships,
                                  OrgMemberRepository orgMembers, UserRepository users, AuditLog auditLog,
                                  Clock clock, DynamicMembersStore dynamicMembers, DirectoryEvents events,
                                  PublicEvents publicEvents) {
        this.publicEvents = publicEvents;
        this.dynamicMembers = dynamicMembers;
        this.events = events;
        this.tx = tx;
        this.access = access;
        this.memberships = memberships;
        this.orgMembers = orgMembers;
        this.users = users;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public List<Membership> add(GroupId groupId, List<NewMember> members) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireVisible(groupId);
            Group group = caller.group();
            group.requireStatic("adding members");
            group.requireActive("adding members");
            if (members.isEmpty() || members.size() > MAX_BATCH) {
                throw RuleViolation.invalidField("members", "must hold 1 to " + MAX_BATCH + " entries");
            }
            MembershipGrantPolicy grants = caller.grants();
            grants.mayAddMembers().orThrow();
            List<UserId> userIds = members.stream().map(NewMember::userId).toList();
            Set<UserId> alreadyIn = new HashSet<>(memberships.existing(groupId, userIds));
            Set<UserId> inOrg = group.orgId()
                    .map(orgId -> Set.copyOf(orgMembers.existing(orgId, userIds)))
                    .orElse(null);
            List<FieldError> errors = new ArrayList<>();
            Set<UserId> seen = new HashSet<>();
            for (int i = 0; i < members.size(); i++) {
                NewMember member = members.get(i);
                String field = "[" + i + "].userId";
                if (!seen.add(member.userId())) {
                    errors.add(new FieldError(field, "is listed twice"));
                } else if (alreadyIn.contains(member.userId())) {
                    errors.add(new FieldError(field, "is a member of the group already"));
                } else if (inOrg != null && !inOrg.contains(member.userId())) {
                    errors.add(new FieldError(field, "is not a member of the group's org"));
                }
                Decision grant = grants.mayAdd(member.role(), member.permissions());
                if (!grant.isAllowed()) {
                    errors.add(new FieldError("[" + i + "]." + grant.field(), grant.reason()));
                }
                if (member.status() == MembershipStatus.SUSPENDED) {
                    errors.add(new FieldError("[" + i + "].status", "new members are active or pending"));
                }
            }
            if (!errors.isEmpty()) {
                throw new RuleViolation("members-rejected", errors.size() + " of " + members.size()
                        + " members cannot be added; nothing was added", errors);
            }
            Instant now = clock.instant();
            users.ensureExist(userIds);
            List<Membership> added = members.stream()
                    .map(member -> Membership.start(group, member.userId(), new Membership.Terms(member.role(),
                            member.status(), member.validFrom(), member.validUntil(), member.permissions()),
                            caller.actor().userId(), now))
                    .toList();
            memberships.saveAll(added);
            published(group, userIds);
            for (Membership membership : added) {
                publicEvents.membership(PublicEventType.GROUP_MEMBER_ADDED, group, membership);
                audit.record(caller.actor(), group.orgIdOrNull(), "group_member.added", "group_member",
                        membership.userId(), Map.of("groupId", groupId.toString(), "role", lower(membership.role())));
            }
            return added;
        });
    }

    @Override
    public Page<MembershipRepository.EffectiveMember> list(GroupId groupId, View view,
                                                           MembershipRepository.Filter filter, PageRequest page) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            if (group.isDynamic()) {
                return computedMembers(group, filter, page);
            }
            if (view == View.EFFECTIVE) {
                return memberships.listEffective(groupId, filter, clock.instant(), page);
            }
            return memberships.listDirect(groupId, filter, page)
                    .map(membership -> new MembershipRepository.EffectiveMember(membership, groupId));
        });
    }

    /** The snapshot of a dynamic group: every computed member is an active plain member. */
    private Page<MembershipRepository.EffectiveMember> computedMembers(Group group, MembershipRepository.Filter filter,
                                                                       PageRequest page) {
        if (dynamicMembers == null || !showsComputedMembers(filter) || group.orgIdOrNull() == null) {
            return new Page<>(List.of(), null);
        }
        return dynamicMembers.members(group.id(), group.orgIdOrNull(), page)
                .map(member -> computed(group, member.userId(), member.since(), member.via()));
    }

    /** Computed members are active plain members: a filter for another role or status shows none of them. */
    static boolean showsComputedMembers(MembershipRepository.Filter filter) {
        return filter == null || (filter.role() == null || filter.role() == GroupRole.MEMBER)
                && (filter.status() == null || filter.status() == MembershipStatus.ACTIVE);
    }

    /** A computed member of a dynamic group, shaped as an active plain membership of it since {@code since}. */
    static MembershipRepository.EffectiveMember computed(Group group, UserId userId, Instant since,
                                                         DynamicMembersStore.Via via) {
        return new MembershipRepository.EffectiveMember(Membership.restore(group.id(), group.orgIdOrNull(), userId,
                GroupRole.MEMBER, MembershipStatus.ACTIVE, since, null, null, null, Set.of(), null), group.id(), via);
    }

    @Override
    public MembershipRepository.EffectiveMember get(GroupId groupId, UserId userId) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            if (!group.isDynamic()) {
                return new MembershipRepository.EffectiveMember(load(groupId, userId), groupId);
            }
            return Optional.ofNullable(dynamicMembers)
                    .flatMap(store -> store.member(groupId, group.orgIdOrNull(), userId))
                    .map(member -> computed(group, member.userId(), member.since(), member.via()))
                    .orElseThrow(() -> new NotFound("group-member", userId));
        });
    }

    @Override
    public Membership current(GroupId groupId, UserId userId) {
        return tx.inTransaction(() -> {
            access.requireVisible(groupId).group().requireStatic("changing members");
            return load(groupId, userId);
        });
    }

    @Override
    public Membership update(UpdateGroupMemberUseCase.Command command) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireVisible(command.groupId());
            Group group = caller.group();
            group.requireStatic("changing members");
            Membership target = load(command.groupId(), command.userId());
            caller.grants().mayChange(target, new MembershipGrantPolicy.Change(command.role(), command.status(),
                    command.validFrom() != null || command.validUntil() != null, command.permissions())).orThrow();
            Instant now = clock.instant();
            Map<String, Object> changes = new LinkedHashMap<>();
            if (command.role() != null && command.role() != target.role()) {
                if (target.role() == GroupRole.OWNER) {
                    requireAnotherOwner(group, target, now);
                }
                changes.put("role", Map.of("from", lower(target.role()), "to", lower(command.role())));
                target.changeRole(command.role());
            }
            if (command.status() != null && command.status() != target.status()) {
                if (target.role() == GroupRole.OWNER && command.status() != MembershipStatus.ACTIVE) {
                    requireAnotherOwner(group, target, now);
                }
                changes.put("status", Map.of("from", lower(target.status()), "to", lower(command.status())));
                target.changeStatus(command.status());
            }
            if (command.validFrom() != null || command.validUntil() != null) {
                target.changeValidity(
                        command.validFrom() == null ? target.validFrom() : command.validFrom().orElse(null),
                        command.validUntil() == null ? target.validUntil() : command.validUntil().orElse(null));
                changes.put("validity", String.valueOf(target.validFrom()) + ".." + target.validUntil());
            }
            if (command.permissions() != null) {
                target.changePermissions(command.permissions());
                changes.put("permissions", command.permissions().stream().map(GroupService::lowerName).toList());
            }
            if (command.notificationOverride() != null) {
                target.overrideNotifications(command.notificationOverride().orElse(null));
                changes.put("notificationOverride", "changed");
            }
            if (!changes.isEmpty()) {
                memberships.save(target);
                if (changes.containsKey("status") || changes.containsKey("validity")) {
                    published(group, List.of(target.userId()));
                }
                publicEvents.membership(PublicEventType.GROUP_MEMBER_CHANGED, group, target);
                changes.put("groupId", group.id().toString());
                audit.record(caller.actor(), group.orgIdOrNull(), "group_member.updated", "group_member",
                        target.userId(), changes);
            }
            return target;
        });
    }

    @Override
    public void remove(GroupId groupId, UserId userId) {
        tx.run(() -> {
            boolean leaving = userId.equals(access.actor().userId());
            GroupAccess caller = leaving ? access.requireVisibleOrOwnMembership(groupId)
                    : access.requireVisible(groupId);
            caller.group().requireStatic("removing members");
            Membership target = load(groupId, userId);
            caller.grants().mayRemove(target).orThrow();
            end(caller.actor(), caller.group(), target, leaving ? "group_member.left" : "group_member.removed");
        });
    }

    @Override
    public Joined join(GroupId groupId) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireVisible(groupId);
            Group group = caller.group();
            group.requireStatic("joining");
            if (caller.membership() != null) {
                return new Joined(caller.membership(), false);
            }
            group.requireActive("joining");
            if (!caller.mayJoin()) {
                throw new NotAllowed("group " + groupId + " is not public: members join by being added");
            }
            Actor actor = caller.actor();
            MembershipStatus status = group.settings().requireApproval() ? MembershipStatus.PENDING
                    : MembershipStatus.ACTIVE;
            users.ensureExist(List.of(actor.userId()));
            Membership membership = Membership.start(group, actor.userId(),
                    Membership.Terms.of(GroupRole.MEMBER, status), null, clock.instant());
            memberships.save(membership);
            published(group, List.of(actor.userId()));
            publicEvents.membership(PublicEventType.GROUP_MEMBER_ADDED, group, membership);
            audit.record(actor, group.orgIdOrNull(), "group_member.joined", "group_member", actor.userId(),
                    Map.of("groupId", groupId.toString(), "status", lower(status)));
            return new Joined(membership, true);
        });
    }

    @Override
    public void leave(GroupId groupId) {
        tx.run(() -> {
            GroupAccess caller = access.requireVisibleOrOwnMembership(groupId);
            caller.group().requireStatic("leaving");
            Membership own = caller.membership();
            if (own == null) {
                throw new NotFound("group-member", caller.actor().userId());
            }
            end(caller.actor(), caller.group(), own, "group_member.left");
        });
    }

    private void end(Actor actor, Group group, Membership membership, String action) {
        if (membership.role() == GroupRole.OWNER) {
            requireAnotherOwner(group, membership, clock.instant());
        }
        memberships.delete(group.id(), membership.userId());
        published(group, List.of(membership.userId()));
        publicEvents.membership(PublicEventType.GROUP_MEMBER_REMOVED, group, membership);
        audit.record(actor, group.orgIdOrNull(), action, "group_member", membership.userId(),
                Map.of("groupId", group.id().toString(), "role", lower(membership.role())));
    }

    /** Whether these users are effective members of the org group may have changed. */
    private void published(Group group, List<UserId> userIds) {
        if (events == null || group.orgIdOrNull() == null) {
            return;
        }
        Instant now = clock.instant();
        userIds.forEach(userId -> events.publish(GroupMembershipChanged.of(group.orgIdOrNull(),
                group.id(), userId, now)));
    }

    /** A group that has owner members keeps at least one. */
    private void requireAnotherOwner(Group group, Membership owner, Instant now) {
        boolean countsNow = owner.isEffectiveAt(now);
        long owners = memberships.countEffectiveOwners(group.id(), now);
        if (countsNow && owners <= 1) {
            throw new RuleViolation("last-owner", "user " + owner.userId() + " is the last owner of group "
                    + group.id() + "; make someone else owner first");
        }
    }

    private Membership load(GroupId groupId, UserId userId) {
        return memberships.find(groupId, userId).orElseThrow(() -> new NotFound("group-member", userId));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase();
    }
}
