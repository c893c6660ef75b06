package circles.application.permissions;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.permissions.PermissionCall.Caller;
import circles.application.permissions.PermissionCall.Validity;
import circles.application.permissions.PermissionModel.Terms;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.membership.AddGroupMembersUseCase;
import circles.application.port.in.membership.ListGroupMembersUseCase;
import circles.application.port.in.membership.UpdateGroupMemberUseCase;
import circles.application.port.in.provisioning.CreateScimTokenUseCase;
import circles.application.port.in.provisioning.DeprovisionUserUseCase;
import circles.application.port.in.rule.PreviewRuleUseCase;
import circles.application.port.out.provisioning.ProvisionedUserRepository;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.service.dynamic.DynamicGroupsTestbed;
import circles.application.service.provisioning.ScimTokenService;
import circles.application.service.provisioning.ScimUserService;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.provisioning.ScimToken;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Drives the permission model through the use cases on in-memory ports, as bootstrap wires them: group and
 * membership services, dynamic groups and rule previews, SCIM tokens and SCIM user deprovisioning.
 */
public final class UseCaseDriver implements PermissionDriver {
    private final DynamicGroupsTestbed bed = new DynamicGroupsTestbed();
    private final InMemoryCircles circles = bed.circles;
    private final OrgId org = bed.org;
    private final ScimTokenService tokens = new ScimTokenService(circles.tx, circles.access, new Tokens(),
            circles.caller::set, circles.auditLog, circles.clock);
    private final ScimUserService scimUsers = new ScimUserService(circles.tx, circles.access,
            circles.orgMemberRepository, new ProvisionedUsers(), circles.userRepository, circles.groupRepository,
            circles.membershipRepository, circles.reportingLines, circles.directoryEvents, circles.auditLog,
            circles.clock);
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<String, GroupId> ids = new LinkedHashMap<>();

    public UseCaseDriver() {
        circles.joinOrg(org, PermissionModel.ORG_ADMINS.get(1), OrgRole.ADMIN);
        circles.joinOrg(org, PermissionModel.IT_ADMIN, OrgRole.IT_ADMIN);
        PermissionModel.PLAIN_MEMBERS.forEach(member -> circles.joinOrg(org, member, OrgRole.MEMBER));
        circles.org("globex", PermissionModel.OUTSIDER);
        for (String issuer : PermissionModel.TOKEN_ISSUERS) {
            circles.as(issuer);
            secrets.put(issuer, tokens.create(new CreateScimTokenUseCase.Command(org, "token of " + issuer, null))
                    .secret());
        }
    }

    @Override
    public Verdict.Outcome perform(PermissionCall call) {
        if (!signIn(call.caller())) {
            return Verdict.Outcome.UNAUTHENTICATED;
        }
        try {
            run(call);
            return Verdict.Outcome.DONE;
        } catch (NotAllowed forbidden) {
            return Verdict.Outcome.FORBIDDEN;
        } catch (NotFound missing) {
            return Verdict.Outcome.NOT_FOUND;
        } catch (RuleViolation | InvalidInput unprocessable) {
            return Verdict.Outcome.UNPROCESSABLE;
        }
    }

    /** Signs the caller in; a SCIM token is authenticated as the SCIM endpoint does (false: it lets nobody in). */
    private boolean signIn(Caller caller) {
        return switch (caller) {
            case Caller.Person person -> {
                if (person.userId().equals(PermissionModel.PLATFORM_ADMIN)) {
                    circles.asPlatformAdmin(person.userId());
                } else {
                    circles.as(person.userId());
                }
                yield true;
            }
            case Caller.ScimToken token -> {
                circles.as("nobody");
                yield tokens.authenticate(secrets.get(token.issuer())).isPresent();
            }
        };
    }

    private void run(PermissionCall call) {
        Instant now = circles.clock.instant();
        switch (call) {
            case PermissionCall.CreateTopLevelGroup create -> created(create.group(), bed.groups.create(
                    new CreateGroupUseCase.Command(DraftBuilder.named(create.group()).in(org)
                            .visibility(create.visibility()).settings(create.memberInvites(), false, false).build()))
                    .group());
            case PermissionCall.CreateSubgroup create -> created(create.group(), bed.groups.create(
                    new CreateGroupUseCase.Command(DraftBuilder.named(create.group()).in(org)
                            .under(ids.get(create.parent())).visibility(create.visibility())
                            .settings(create.memberInvites(), false, false).build())).group());
            case PermissionCall.CreateDynamicGroup create -> created(create.group(), bed.groups.create(
                    new CreateGroupUseCase.Command(DraftBuilder.named(create.group()).in(org).type(GroupType.CUSTOM)
                            .kind(GroupKind.DYNAMIC).visibility(create.visibility()).build(),
                            DynamicGroupsTestbed.memberOf(ids.get(create.memberOf())), null)).group());
            case PermissionCall.MoveGroup move -> bed.groups.update(new UpdateGroupUseCase.Command(
                    ids.get(move.group()), null, null, null, null, null, null, null, null,
                    Optional.ofNullable(move.newParent()).map(ids::get), null, null, null, null, null));
            case PermissionCall.DeleteSubtree delete -> bed.groups.delete(ids.get(delete.group()), true);
            case PermissionCall.AddMember add -> circles.members.add(ids.get(add.group()), List.of(
                    new AddGroupMembersUseCase.NewMember(UserId.of(add.user()), add.role(), add.status(), null, null,
                            add.permissions())));
            case PermissionCall.ChangeMember change -> circles.members.update(new UpdateGroupMemberUseCase.Command(
                    ids.get(change.group()), UserId.of(change.user()), change.change().role(),
                    change.change().status(), null,
                    change.change().validity() == null ? null : Optional.ofNullable(until(change.change().validity(),
                            now)), change.change().permissions(), null));
            case PermissionCall.RemoveMember remove -> circles.members.remove(ids.get(remove.group()),
                    UserId.of(remove.user()));
            case PermissionCall.ReadGroup read -> bed.groups.get(ids.get(read.group()));
            case PermissionCall.ListMembers list -> circles.members.list(ids.get(list.group()),
                    ListGroupMembersUseCase.View.EFFECTIVE, null, PageRequest.first(50));
            case PermissionCall.PreviewRule preview -> bed.previews.preview(new PreviewRuleUseCase.Query(org,
                    DynamicGroupsTestbed.memberOf(ids.get(preview.memberOf())), null, 10));
            case PermissionCall.ScimDeactivateUser deactivate -> scimUsers.deprovision(org,
                    UserId.of(deactivate.user()), DeprovisionUserUseCase.Mode.DEACTIVATE);
        }
    }

    private void created(String name, Group group) {
        ids.put(name, group.id());
        if (!group.isDynamic()) {
            circles.asPlatformAdmin("seeder");
            circles.assignments.assign(group.id(), "document", "content-of-" + name);
        }
    }

    private static Instant until(Validity validity, Instant now) {
        return switch (validity) {
            case OPEN -> null;
            case ENDED -> now.minus(Duration.ofHours(1));
            case RUNNING -> now.plus(Duration.ofDays(30));
        };
    }

    private static Validity validity(Instant until, Instant now) {
        return until == null ? Validity.OPEN : until.isAfter(now) ? Validity.RUNNING : Validity.ENDED;
    }

    private String nameOf(GroupId id) {
        return ids.entrySet().stream().filter(entry -> entry.getValue().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElse("unknown " + id);
    }

    @Override
    public Map<String, String> parents() {
        Map<String, String> parents = new TreeMap<>();
        ids.forEach((name, id) -> circles.groupRepository.findById(id).ifPresent(group ->
                parents.put(name, group.parentId() == null ? "-" : nameOf(group.parentId()))));
        return parents;
    }

    @Override
    public Map<String, Map<String, Terms>> memberships() {
        Instant now = circles.clock.instant();
        Map<String, Map<String, Terms>> all = new TreeMap<>();
        ids.forEach((name, id) -> circles.groupRepository.findById(id).filter(group -> !group.isDynamic())
                .ifPresent(group -> {
                    Map<String, Terms> members = new TreeMap<>();
                    for (Membership membership : circles.membershipRepository.listDirect(id, null,
                            PageRequest.first(100)).items()) {
                        members.put(membership.userId().value(), new Terms(membership.role(), membership.status(),
                                validity(membership.validUntil(), now), membership.permissions()));
                    }
                    all.put(name, members);
                }));
        return all;
    }

    @Override
    public Set<String> sightOf(String userId) {
        signIn(new Caller.Person(userId));
        Set<String> seen = new TreeSet<>();
        ids.forEach((name, id) -> {
            try {
                bed.groups.get(id);
                seen.add(name);
            } catch (NotFound invisible) {
                // not seen
            }
        });
        return seen;
    }

    /**
     * Content reach: every static group carries one assignment (made when the group is made), so the assignments
     * that reach a person name the groups they are an active effective member of.
     */
    @Override
    public Set<String> effectiveGroupsOf(String userId) {
        signIn(new Caller.Person(userId));
        Set<String> groups = new TreeSet<>();
        try {
            circles.assignments.assignments(org, UserId.of(userId), PageRequest.first(200)).items()
                    .forEach(reach -> groups.add(nameOf(reach.assignment().groupId())));
        } catch (NotFound notInTheOrg) {
            // a deactivated member (or an outsider) is reached by nothing of the org
        }
        return groups;
    }

    /** SCIM tokens in memory. */
    private static final class Tokens implements ScimTokenRepository {
        private final Map<UUID, ScimToken> rows = new LinkedHashMap<>();

        @Override
        public void save(ScimToken token) {
            rows.put(token.id(), token);
        }

        @Override
        public Optional<ScimToken> find(OrgId orgId, UUID tokenId) {
            return Optional.ofNullable(rows.get(tokenId)).filter(token -> token.orgId().equals(orgId));
        }

        @Override
        public Optional<ScimToken> findBySecretHash(String secretHash) {
            return rows.values().stream().filter(token -> token.secretHash().equals(secretHash)).findFirst();
        }

        @Override
        public Page<ScimToken> list(OrgId orgId, PageRequest page) {
            return new Page<>(rows.values().stream().filter(token -> token.orgId().equals(orgId)).toList(), null);
        }

        @Override
        public void recordUse(OrgId orgId, UUID tokenId, Instant usedAt) {
            rows.get(tokenId).used(usedAt);
        }
    }

    /** The SCIM view of the org's members: every org member is provisioned until a SCIM DELETE. */
    private final class ProvisionedUsers implements ProvisionedUserRepository {
        private final Set<UserId> deleted = new HashSet<>();

        @Override
        public Optional<ProvisionedUser> find(OrgId orgId, UserId userId) {
            return deleted.contains(userId) ? Optional.empty() : circles.orgMemberRepository.find(orgId, userId)
                    .map(member -> new ProvisionedUser(member, null));
        }

        @Override
        public Page<ProvisionedUser> list(OrgId orgId, PageRequest page) {
            return new Page<>(List.of(), null);
        }

        @Override
        public List<ProvisionedUser> withUserName(OrgId orgId, String userName) {
            return List.of();
        }

        @Override
        public void saveIdentity(OrgId orgId, UserId userId, ProvisionedIdentity identity) {
        }

        @Override
        public void markDeleted(OrgId orgId, UserId userId, Instant at) {
            deleted.add(userId);
        }

        @Override
        public boolean isDeleted(OrgId orgId, UserId userId) {
            return deleted.contains(userId);
        }
    }
}
