package circles.application.service.org;

import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.in.org.GetOrgUseCase;
import circles.application.port.in.org.ListOrgsUseCase;
import circles.application.port.in.org.OrgView;
import circles.application.port.in.org.UpdateOrgUseCase;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.dynamic.DefaultGroupsService;
import circles.application.service.shared.Versions;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

public final class OrgService implements CreateOrgUseCase, GetOrgUseCase, ListOrgsUseCase, UpdateOrgUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final OrgRepository orgs;
    private final OrgMemberRepository orgMembers;
    private final UserRepository users;
    private final DirectoryEvents events;
    private final Audit audit;
    private final Clock clock;
    private final DefaultGroupsService defaultGroups;

    public OrgService(UnitOfWork tx, Access access, OrgRepository orgs, OrgMemberRepository orgMembers,
                      UserRepository users, DirectoryEvents events, AuditLog auditLog, Clock clock) {
        this(tx, access, orgs, orgMembers, users, events, auditLog, clock, null);
    }

    /** With {@code defaultGroups} null, a new org gets no default groups. */
    public OrgService(UnitOfWork tx, Access access, OrgRepository orgs, OrgMemberRepository orgMembers,
                      UserRepository users, DirectoryEvents events, AuditLog auditLog, Clock clock,
                      DefaultGroupsService defaultGroups) {
        this.defaultGroups = defaultGroups;
        this.tx = tx;
        this.access = access;
        this.orgs = orgs;
        this.orgMembers = orgMembers;
        this.users = users;
        this.events = events;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public OrgView create(CreateOrgUseCase.Command command) {
        return tx.inTransaction(() -> {
            Actor actor = access.actor();
            if (!actor.isPlatformAdmin()) {
                throw new NotAllowed("only platform admins create orgs");
            }
            if (orgs.slugTaken(command.slug(), null)) {
                throw new Conflict("org-slug-taken", "an org with slug '" + command.slug() + "' exists already");
            }
            Instant now = clock.instant();
            Organization org = orgs.save(Organization.create(command.name(), command.slug(), now));
            var admins = new LinkedHashSet<>(command.adminUserIds());
            users.ensureExist(admins);
            for (UserId admin : admins) {
                OrgMember member = orgMembers.save(OrgMember.join(org.id(), admin, OrgRole.ADMIN, MemberProfile.EMPTY,
                        now));
                events.publish(MemberChanged.between(org.id(), admin, null, MemberChanged.Snapshot.of(member),
                        now));
            }
            audit.record(actor, org.id(), "org.created", "org", org.id(),
                    Map.of("name", org.name(), "slug", org.slug().value(),
                            "adminUserIds", admins.stream().map(UserId::value).toList()));
            if (defaultGroups != null) {
                // After the admins joined, so that the default groups are computed over them too.
                defaultGroups.seedInto(org.id(), actor);
            }
            return new OrgView(org, admins.size());
        });
    }

    @Override
    public OrgView get(OrgId orgId) {
        return tx.inTransaction(() -> {
            access.requireOrgMember(orgId);
            return view(load(orgId));
        });
    }

    @Override
    public Page<OrgView> list(String query, PageRequest page) {
        return tx.inTransaction(() -> {
            Actor actor = access.actor();
            UserId memberOf = actor.isPlatformAdmin() ? null : actor.userId();
            String text = query == null || query.isBlank() ? null : query.strip();
            return orgs.list(memberOf, text, page).map(this::view);
        });
    }

    @Override
    public OrgView update(UpdateOrgUseCase.Command command) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(command.orgId());
            Organization org = load(command.orgId());
            Versions.require("org", command.expectedVersion(), org.version());
            Instant now = clock.instant();
            Map<String, Object> changes = new LinkedHashMap<>();
            if (command.name() != null && !command.name().equals(org.name())) {
                org.rename(command.name(), now);
                changes.put("name", org.name());
            }
            if (command.slug() != null && !command.slug().equals(org.slug())) {
                if (orgs.slugTaken(command.slug(), org.id())) {
                    throw new Conflict("org-slug-taken", "an org with slug '" + command.slug() + "' exists already");
                }
                org.changeSlug(command.slug(), now);
                changes.put("slug", org.slug().value());
            }
            if (changes.isEmpty()) {
                return view(org);
            }
            Organization saved = orgs.save(org);
            audit.record(access.actor(), org.id(), "org.updated", "org", org.id(), changes);
            return view(saved);
        });
    }

    private Organization load(OrgId orgId) {
        return orgs.findById(orgId).orElseThrow(() -> new NotFound("org", orgId));
    }

    private OrgView view(Organization org) {
        return new OrgView(org, orgs.memberCount(org.id()));
    }
}
