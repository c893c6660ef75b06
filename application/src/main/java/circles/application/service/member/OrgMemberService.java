package circles.application.service.member;

import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.GetOrgMemberUseCase;
import circles.application.port.in.member.ListOrgMembersUseCase;
import circles.application.port.in.member.RemoveOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.membership.MembershipRepository;
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
import circles.domain.org.ProfilePatch;
import circles.domain.org.ReportingLine;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members of an org and their profiles. Every change of a member (arrival, role, status, profile, departure)
 * is published as a {@link MemberChanged} in the transaction of the change.
 */
public final class OrgMemberService implements AddOrgMemberUseCase, GetOrgMemberUseCase, ListOrgMembersUseCase,
        UpdateOrgMemberUseCase, RemoveOrgMemberUseCase {
    /** What members may change in their own profile without being an admin. */
    private static final Set<String> SELF_EDITABLE = Set.of("displayName");

    private final UnitOfWork tx;
    private final Access access;
    private final OrgMemberRepository orgMembers;
    private final UserRepository users;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final ReportingLines reportingLines;
    private final DirectoryEvents events;
    private final Audit audit;
    private final Clock clock;

    public OrgMemberService(UnitOfWork tx, Access access, OrgMemberRepository orgMembers, UserRepository users,
                            GroupRepository groups, MembershipRepository memberships, ReportingLines reportingLines,
                            DirectoryEvents events, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.orgMembers = orgMembers;
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
        this.reportingLines = reportingLines;
        this.events = events;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public OrgMember add(AddOrgMemberUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            if (command.role() == OrgRole.ADMIN && !caller.decidesAdmins()) {
                throw RuleViolation.invalidField("role", "only org admins may make someone an admin");
            }
            if (orgMembers.find(command.orgId(), command.userId()).isPresent()) {
                throw new Conflict("org-member-exists",
                        "user " + command.userId() + " is a member of org " + command.orgId() + " already");
            }
            MemberProfile profile = command.profile();
            if (profile.managerId() != null) {
                requireManager(command.orgId(), command.userId(), profile.managerId());
            }
            Instant now = clock.instant();
            users.ensureExist(List.of(command.userId()));
            OrgMember member = orgMembers.save(OrgMember.join(command.orgId(), command.userId(), command.role(),
                    profile, now));
            List<String> autoJoined = joinAutoAddGroups(command.orgId(), command.userId(), now);
            events.publish(MemberChanged.between(command.orgId(), command.userId(), null,
                    MemberChanged.Snapshot.of(member), now));
            audit.record(caller.actor(), command.orgId(), "org_member.added", "org_member", command.userId(),
                    Map.of("role", command.role().name().toLowerCase(), "autoAddedToGroups", autoJoined,
                            "profileFields", List.copyOf(profile.filledFields())));
            return member;
        });
    }

    /** Groups with {@code autoAddNewOrgMembers} take every new org member as a plain member at once. */
    private List<String> joinAutoAddGroups(OrgId orgId, UserId userId, Instant now) {
        List<Group> autoAdd = groups.autoAddGroups(orgId);
        List<Membership> joined = autoAdd.stream()
                .map(group -> Membership.start(group, userId, Membership.Terms.of(GroupRole.MEMBER,
                        MembershipStatus.ACTIVE), null, now))
                .toList();
        memberships.saveAll(joined);
        return autoAdd.stream().map(group -> group.id().toString()).toList();
    }

    @Override
    public OrgMember get(OrgId orgId, UserId userId) {
        return tx.inTransaction(() -> {
            access.requireOrgMember(orgId);
            return load(orgId, userId);
        });
    }

    @Override
    public Page<OrgMember> list(OrgId orgId, OrgMemberRepository.Filter filter, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgMember(orgId);
            return orgMembers.list(orgId, filter, page);
        });
    }

    @Override
    public OrgMember update(UpdateOrgMemberUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgMember(command.orgId());
            requireMayUpdate(caller, command);
            OrgMember member = load(command.orgId(), command.userId());
            Versions.require("org member", command.expectedVersion(), member.version());
            Instant now = clock.instant();
            MemberChanged.Snapshot before = MemberChanged.Snapshot.of(member);
            Map<String, Object> changes = new LinkedHashMap<>();
            if (command.role() != null && command.role() != member.role()) {
                boolean touchesAdmin = command.role() == OrgRole.ADMIN || member.role() == OrgRole.ADMIN;
                if (touchesAdmin && !caller.decidesAdmins()) {
                    throw RuleViolation.invalidField("role", "only org admins may change who is an admin");
                }
                requireAnActiveAdmin(member, Optional.of(new ActiveAdminPolicy.Standing(command.role(),
                        member.status())));
                changes.put("role", Map.of("from", name(member.role()), "to", name(command.role())));
                member.changeRole(command.role(), now);
            }
            if (command.status() != null && command.status() != member.status()) {
                if (member.role() == OrgRole.ADMIN && !caller.decidesAdmins()) {
                    throw new NotAllowed("only org admins may suspend or deactivate an admin");
                }
                requireAnActiveAdmin(member, Optional.of(new ActiveAdminPolicy.Standing(member.role(),
                        command.status())));
                changes.put("status", Map.of("from", name(member.status()), "to", name(command.status())));
                member.changeStatus(command.status(), now);
            }
            if (!command.profile().isEmpty()) {
                MemberProfile profile = command.profile().applyTo(member.profile());
                UserId manager = profile.managerId();
                if (manager != null && !manager.equals(member.profile().managerId())) {
                    requireManager(command.orgId(), command.userId(), manager);
                }
                member.changeProfile(profile, now);
            }
            MemberChanged change = MemberChanged.between(command.orgId(), command.userId(), before,
                    MemberChanged.Snapshot.of(member), now);
            if (!change.changesAnything()) {
                return member;
            }
            List<String> profileFields = change.changedFields().stream()
                    .filter(field -> !field.equals("role") && !field.equals("status")).sorted().toList();
            if (!profileFields.isEmpty()) {
                changes.put("profileFields", profileFields);
            }
            OrgMember saved = orgMembers.save(member);
            events.publish(change);
            audit.record(caller.actor(), command.orgId(), "org_member.updated", "org_member", command.userId(),
                    changes);
            return saved;
        });
    }

    /**
     * Admins change anyone; a plain member changes their own display name only (their role, status and the rest
     * of their profile come from the org's directory).
     */
    private static void requireMayUpdate(OrgAccess caller, UpdateOrgMemberUseCase.Command command) {
        if (caller.administers()) {
            return;
        }
        boolean self = caller.actor().userId().equals(command.userId());
        boolean selfEditable = command.role() == null && command.status() == null
                && SELF_EDITABLE.containsAll(command.profile().namedFields());
        if (!self) {
            throw new NotAllowed("only admins of org " + command.orgId() + " may change other members");
        }
        if (!selfEditable) {
            throw new NotAllowed("members may change their own display name only; the rest of the profile, the role"
                    + " and the status are kept by the admins of org " + command.orgId());
        }
    }

    /** A manager is another member of the same org who does not report to the member (no cycles). */
    private void requireManager(OrgId orgId, UserId userId, UserId manager) {
        reportingLines.lock(orgId);
        boolean isMember = orgMembers.find(orgId, manager).isPresent();
        List<UserId> chain = isMember && !manager.equals(userId)
                ? reportingLines.chainFrom(orgId, manager, ReportingLine.MAX_LENGTH) : List.of();
        ReportingLine.require(ReportingLine.check(userId, manager, isMember, chain), userId, manager, "managerId");
    }

    @Override
    public void remove(OrgId orgId, UserId userId) {
        tx.run(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            OrgMember member = load(orgId, userId);
            if (member.role() == OrgRole.ADMIN && !caller.decidesAdmins()) {
                throw new NotAllowed("only org admins may remove an admin");
            }
            requireAnActiveAdmin(member, Optional.empty());
            Instant now = clock.instant();
            List<String> orphaned = clearManager(orgId, userId, now);
            List<String> leftGroups = memberships.removeFromOrg(orgId, userId).stream()
                    .map(Object::toString).toList();
            orgMembers.delete(orgId, userId);
            events.publish(MemberChanged.between(orgId, userId, MemberChanged.Snapshot.of(member), null, now));
            audit.record(caller.actor(), orgId, "org_member.removed", "org_member", userId,
                    Map.of("removedFromGroups", leftGroups, "reportsWithoutManager", orphaned));
        });
    }

    /** The direct reports of a leaving member lose their manager, each as a change of their own. */
    private List<String> clearManager(OrgId orgId, UserId manager, Instant now) {
        reportingLines.lock(orgId);
        List<String> cleared = new ArrayList<>();
        for (UserId reportId : reportingLines.directReports(orgId, manager)) {
            OrgMember report = load(orgId, reportId);
            MemberChanged.Snapshot before = MemberChanged.Snapshot.of(report);
            report.changeProfile(ProfilePatch.managerId(Optional.empty()).applyTo(report.profile()), now);
            orgMembers.save(report);
            events.publish(MemberChanged.between(orgId, reportId, before, MemberChanged.Snapshot.of(report),
                    now));
            cleared.add(reportId.value());
        }
        return cleared;
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

    private OrgMember load(OrgId orgId, UserId userId) {
        return orgMembers.find(orgId, userId).orElseThrow(() -> new NotFound("org-member", userId));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase();
    }
}
