package circles.application;

import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.Organization;
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
        if (stored != null && stored.version() != member.version()) {
            throw new VersionConflict("org member", member.version(), stored.version());
        }
        OrgMember saved = InMemoryDatabase.copy(member, stored == null ? member.version() : member.version() + 1);
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
