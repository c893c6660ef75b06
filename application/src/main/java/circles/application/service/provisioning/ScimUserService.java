package circles.application.service.provisioning;

import circles.application.port.in.provisioning.DeprovisionUserUseCase;
import circles.application.port.in.provisioning.GetProvisionedUserUseCase;
import circles.application.port.in.provisioning.ListProvisionedUsersUseCase;
import circles.application.port.in.provisioning.ProvisionUserUseCase;
import circles.application.port.in.provisioning.ProvisionedUserData;
import circles.application.port.in.provisioning.ReplaceProvisionedUserUseCase;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.shared.Versions;
import circles.domain.access.OrgAccess;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.org.ActiveAdminPolicy;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.ReportingLine;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Users pushed by an identity provider (SCIM): each one is an org member whose profile the provider manages in
 * part. Every change is audited and published as a {@link MemberChanged} event in the same transaction.
 */
public final class ScimUserService implements ProvisionUserUseCase, ReplaceProvisionedUserUseCase,
        DeprovisionUserUseCase, GetProvisionedUserUseCase, ListProvisionedUsersUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final OrgMemberRepository orgMembers;
    private final ProvisionedUserRepository provisioned;
    private final UserRepository users;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final DirectoryEvents events;
    private final ReportingLines reportingLines;
    private final Audit audit;
    private final Clock clock;

    public ScimUserService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers,
                           ProvisionedUserRepository provisioned, UserRepository users, GroupRepository groups,
                           MembershipRepository memberships, ReportingLines reportingLines, DirectoryEvents events,
                           AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.orgMembers = orgMembers;
        this.provisioned = provisioned;
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
        this.events = events;
        this.reportingLines = reportingLines;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public ProvisionedUser provision(ProvisionUserUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            OrgId orgId = command.orgId();
            UserId userId = command.userId();
            ProvisionedUserData data = command.data();
            Optional<OrgMember> existing = orgMembers.find(orgId, userId);
            if (existing.isPresent() && !provisioned.isDeleted(orgId, userId)) {
                throw new Conflict("scim-user-exists", "user " + userId + " is a member of this org already");
            }
            requireUserNameFree(orgId, userId, data.identity().userName());
            requireManager(orgId, userId, data.managerId());
            if (existing.isPresent()) {
                return comeBack(caller, existing.get(), data);
            }
            Instant now = clock.instant();
            users.ensureExist(List.of(userId));
            OrgMember member = OrgMember.join(orgId, userId, OrgRole.MEMBER, merged(MemberProfile.EMPTY, data), now);
            if (!data.active()) {
                member.changeStatus(MemberStatus.DEACTIVATED, now);
            }
            OrgMember saved = orgMembers.save(member);
            provisioned.saveIdentity(orgId, userId, data.identity());
            List<String> autoJoined = joinAutoAddGroups(orgId, userId, now);
            audit.record(caller.actor(), orgId, "org_member.added", "org_member", userId,
                    Map.of("role", "member", "source", "scim", "autoAddedToGroups", autoJoined));
            events.publish(MemberChanged.between(orgId, userId, null, snapshot(saved), now));
            return new ProvisionedUser(saved, data.identity());
        });
    }

    /**
     * A member the provider deleted, kept inside Circles, is created again under the same subject: the same member
     * (memberships and history intact) takes the new representation, its status follows {@code active}, and it is in
     * the provider's view again.
     */
    private ProvisionedUser comeBack(OrgAccess caller, OrgMember member, ProvisionedUserData data) {
        OrgId orgId = member.orgId();
        UserId userId = member.userId();
        MemberChanged.Snapshot before = snapshot(member);
        Instant now = clock.instant();
        boolean changed = takeProvided(caller, member, data, now);
        provisioned.saveIdentity(orgId, userId, data.identity());
        OrgMember saved = changed ? orgMembers.save(member) : member;
        MemberChanged change = MemberChanged.between(orgId, userId, before, snapshot(saved), now);
        audit.record(caller.actor(), orgId, "org_member.updated", "org_member", userId,
                Map.of("changedFields", List.copyOf(new TreeSet<>(change.changedFields())), "source", "scim",
                        "provisioning", "restored"));
        if (change.changesAnything()) {
            events.publish(change);
        }
        return new ProvisionedUser(saved, data.identity());
    }

    @Override
    public ProvisionedUser replace(ReplaceProvisionedUserUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            OrgId orgId = command.orgId();
            UserId userId = command.userId();
            ProvisionedUserData data = command.data();
            ProvisionedUser current = load(orgId, userId);
            OrgMember member = current.member();
            Versions.require("user", command.expectedVersion(), member.version());
            MemberChanged.Snapshot before = snapshot(member);
            if (!data.identity().userName().equalsIgnoreCase(userNameOf(current))) {
                requireUserNameFree(orgId, userId, data.identity().userName());
            }
            if (!Objects.equals(data.managerId(), member.profile().managerId())) {
                requireManager(orgId, userId, data.managerId());
            }
            Instant now = clock.instant();
            boolean changed = takeProvided(caller, member, data, now);
            boolean identityChanged = !data.identity().equals(current.identity());
            if (identityChanged) {
                provisioned.saveIdentity(orgId, userId, data.identity());
            }
            if (!changed) {
                return new ProvisionedUser(member, data.identity());
            }
            OrgMember saved = orgMembers.save(member);
            MemberChanged change = MemberChanged.between(orgId, userId, before, snapshot(saved), now);
            audit.record(caller.actor(), orgId, "org_member.updated", "org_member", userId,
                    Map.of("changedFields", List.copyOf(new TreeSet<>(change.changedFields())), "source", "scim"));
            events.publish(change);
            return new ProvisionedUser(saved, data.identity());
        });
    }

    /**
     * Removes the user from the provider's view (RFC 7644 §3.6: every later operation on it is a 404, queries no
     * longer return it, its userName is free). Inside Circles the member is removed from the org and its groups
     * ({@link Mode#DELETE}) or kept, deactivated, with its memberships and history ({@link Mode#DEACTIVATE}).
     */
    @Override
    public void deprovision(OrgId orgId, UserId userId, Mode mode) {
        tx.run(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            OrgMember member = load(orgId, userId).member();
            caller.mayChangeStandingOf(member.role()).orThrow();
            MemberChanged.Snapshot before = snapshot(member);
            Instant now = clock.instant();
            if (mode == Mode.DELETE) {
                requireAnActiveAdmin(member, Optional.empty());
                List<String> leftGroups = memberships.removeFromOrg(orgId, userId).stream()
                        .map(Object::toString).toList();
                orgMembers.delete(orgId, userId);
                audit.record(caller.actor(), orgId, "org_member.removed", "org_member", userId,
                        Map.of("removedFromGroups", leftGroups, "source", "scim", "provisioning", "deleted"));
                events.publish(MemberChanged.between(orgId, userId, before, null, now));
                return;
            }
            if (member.status() == MemberStatus.DEACTIVATED) {
                provisioned.markDeleted(orgId, userId, now);
                audit.record(caller.actor(), orgId, "org_member.updated", "org_member", userId,
                        Map.of("source", "scim", "provisioning", "deleted"));
                return;
            }
            requireAnActiveAdmin(member, Optional.of(new ActiveAdminPolicy.Standing(member.role(),
                    MemberStatus.DEACTIVATED)));
            provisioned.markDeleted(orgId, userId, now);
            member.changeStatus(MemberStatus.DEACTIVATED, now);
            OrgMember saved = orgMembers.save(member);
            audit.record(caller.actor(), orgId, "org_member.updated", "org_member", userId,
                    Map.of("status", Map.of("from", lower(before.status()), "to", "deactivated"), "source", "scim",
                            "provisioning", "deleted"));
            events.publish(MemberChanged.between(orgId, userId, before, snapshot(saved), now));
        });
    }

    @Override
    public ProvisionedUser get(OrgId orgId, UserId userId) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return load(orgId, userId);
        });
    }

    @Override
    public Page<ProvisionedUser> list(OrgId orgId, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return provisioned.list(orgId, page);
        });
    }

    @Override
    public List<ProvisionedUser> withUserName(OrgId orgId, String userName) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return provisioned.withUserName(orgId, userName);
        });
    }

    /** The profile with the provider's fields replaced and every other field kept. */
    static MemberProfile merged(MemberProfile current, ProvisionedUserData data) {
        Map<String, String> custom = new HashMap<>(current.customAttributes());
        custom.keySet().removeAll(data.managedCustomKeys());
        custom.putAll(data.customAttributes());
        return new MemberProfile(data.email(), data.displayName(), data.department(), current.location(),
                data.jobTitle(), data.managerId(), current.orgUnitPath(), data.employeeType(), data.costCenter(),
                current.userType(), custom, current.lastLoginAt());
    }

    /** Active follows the provider; a member who is not active stays suspended rather than deactivated. */
    /**
     * Gives the member the profile and status the provider sent (a change of status only where the caller may change
     * the member's standing and the org keeps an active admin); whether anything changed.
     */
    private boolean takeProvided(OrgAccess caller, OrgMember member, ProvisionedUserData data, Instant now) {
        MemberProfile profile = merged(member.profile(), data);
        boolean profileChanged = !profile.equals(member.profile());
        if (profileChanged) {
            member.changeProfile(profile, now);
        }
        MemberStatus status = statusFor(member.status(), data.active());
        if (status == member.status()) {
            return profileChanged;
        }
        caller.mayChangeStandingOf(member.role()).orThrow();
        requireAnActiveAdmin(member, Optional.of(new ActiveAdminPolicy.Standing(member.role(), status)));
        member.changeStatus(status, now);
        return true;
    }

    private static MemberStatus statusFor(MemberStatus current, boolean active) {
        if (active) {
            return MemberStatus.ACTIVE;
        }
        return current == MemberStatus.ACTIVE ? MemberStatus.DEACTIVATED : current;
    }

    private void requireUserNameFree(OrgId orgId, UserId userId, String userName) {
        boolean taken = provisioned.withUserName(orgId, userName).stream()
                .anyMatch(other -> !other.member().userId().equals(userId));
        if (taken) {
            throw new Conflict("scim-user-name-taken", "another member of this org has the userName " + userName);
        }
    }

    /** The manager is another member of the org, and the member is not (indirectly) their own manager. */
    private void requireManager(OrgId orgId, UserId userId, UserId managerId) {
        if (managerId == null) {
            return;
        }
        reportingLines.lock(orgId);
        boolean isMember = orgMembers.find(orgId, managerId).isPresent();
        List<UserId> chain = isMember ? reportingLines.chainFrom(orgId, managerId, ReportingLine.MAX_LENGTH)
                : List.of();
        ReportingLine.require(ReportingLine.check(userId, managerId, isMember, chain), userId, managerId,
                "managerId");
    }

    /**
     * The org keeps an active admin once the member stands as {@code after} (empty: removed). Two active admins
     * are all the policy needs to know about: one of them is not the member.
     */
    private void requireAnActiveAdmin(OrgMember member, Optional<ActiveAdminPolicy.Standing> after) {
        ActiveAdminPolicy.change(member, after, () -> orgMembers.list(member.orgId(),
                        new OrgMemberRepository.Filter(OrgRole.ADMIN, MemberStatus.ACTIVE, null), PageRequest.first(2))
                .items().stream().map(OrgMember::userId).toList()).requireKept();
    }

    private List<String> joinAutoAddGroups(OrgId orgId, UserId userId, Instant now) {
        List<Group> autoAdd = groups.autoAddGroups(orgId);
        memberships.saveAll(autoAdd.stream()
                .map(group -> Membership.start(group, userId, Membership.Terms.of(GroupRole.MEMBER,
                        MembershipStatus.ACTIVE), null, now))
                .toList());
        return autoAdd.stream().map(group -> group.id().toString()).toList();
    }

    private ProvisionedUser load(OrgId orgId, UserId userId) {
        return provisioned.find(orgId, userId).orElseThrow(() -> new NotFound("user", userId));
    }

    private static String userNameOf(ProvisionedUser user) {
        return user.identity() == null ? user.member().userId().value() : user.identity().userName();
    }

    private static MemberChanged.Snapshot snapshot(OrgMember member) {
        return MemberChanged.Snapshot.of(member);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
