package circles.application;

import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

public final class InMemoryOrgMemberRepository implements OrgMemberRepository {
    private final InMemoryDatabase db;

    public InMemoryOrgMemberRepository(InMemoryDatabase db) {
        this.db = db;
    }

    private static InMemoryDatabase.OrgMemberKey key(OrgId orgId, UserId userId) {
        return new InMemoryDatabase.OrgMemberKey(orgId, userId);
    }

    @Override
    public OrgMember save(OrgMember member) {
        db.requireTransaction();
        if (!db.orgs.containsKey(member.orgId())) {
            throw new IllegalStateException("no org " + member.orgId());
        }
        OrgMember stored = db.orgMembers.get(key(member.orgId(), member.userId()));
        // As the table does: a member never stored (version 0) is inserted, and a second insert of the same user is
        // a duplicate, never an overwrite; any other version updates the row it was read from.
        if (member.version() == 0 && stored != null) {
            throw new Conflict("org-member-exists", "the user is a member of the org already");
        }
        if (member.version() != 0 && stored == null) {
            throw new NotFound("org-member", member.userId());
        }
        if (stored != null && stored.version() != member.version()) {
            throw new VersionConflict("org member", member.version(), stored.version());
        }
        UserId managerId = member.profile().managerId();
        if (managerId != null && !db.orgMembers.containsKey(key(member.orgId(), managerId))) {
            throw RuleViolation.invalidField("managerId", "must be a member of the same org");
        }
        // Every write, the first one included, raises the version, as the database's version column does.
        OrgMember saved = InMemoryDatabase.copy(member, member.version() + 1);
        db.orgMembers.put(key(member.orgId(), member.userId()), saved);
        return InMemoryDatabase.copy(saved, saved.version());
    }

    @Override
    public Optional<OrgMember> find(OrgId orgId, UserId userId) {
        return Optional.ofNullable(db.orgMembers.get(key(orgId, userId)))
                .map(member -> InMemoryDatabase.copy(member, member.version()));
    }

    @Override
    public void delete(OrgId orgId, UserId userId) {
        db.requireTransaction();
        db.orgMembers.remove(key(orgId, userId));
    }

    @Override
    public Page<OrgMember> list(OrgId orgId, Filter filter, PageRequest page) {
        return InMemoryDatabase.page(db.orgMembers.values().stream()
                .filter(member -> member.orgId().equals(orgId))
                .filter(member -> filter == null || filter.role() == null || member.role() == filter.role())
                .filter(member -> filter == null || filter.status() == null || member.status() == filter.status())
                .filter(member -> filter == null || filter.query() == null
                        || InMemoryOrgRepository.contains(member.userId().value(), filter.query())
                        || InMemoryOrgRepository.contains(member.profile().displayName(), filter.query())
                        || InMemoryOrgRepository.contains(member.profile().email(), filter.query()))
                .sorted(Comparator.comparing(OrgMember::userId))
                .map(member -> InMemoryDatabase.copy(member, member.version()))
                .toList(), page);
    }

    @Override
    public List<UserId> existing(OrgId orgId, List<UserId> userIds) {
        return userIds.stream().distinct().filter(userId -> db.orgMembers.containsKey(key(orgId, userId))).toList();
    }

    @Override
    public List<Membership> membershipsOf(UserId userId) {
        return db.orgMembers.values().stream()
                .filter(member -> member.userId().equals(userId))
                .map(member -> {
                    Organization org = db.orgs.get(member.orgId());
                    return new Membership(org.id(), org.name(), org.slug().value(), member.role(), member.status());
                })
                .toList();
    }
}
