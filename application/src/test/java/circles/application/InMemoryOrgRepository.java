package circles.application;

import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.Slug;
import circles.domain.shared.VersionConflict;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

public final class InMemoryOrgRepository implements OrgRepository {
    private final InMemoryDatabase db;

    public InMemoryOrgRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Organization save(Organization org) {
        db.requireTransaction();
        Organization stored = db.orgs.get(org.id());
        if (stored != null && stored.version() != org.version()) {
            throw new VersionConflict("org", org.version(), stored.version());
        }
        if (slugTaken(org.slug(), org.id())) {
            throw new Conflict("org-slug-taken", "an org with this slug exists already");
        }
        // Every write, the first one included, raises the version, as the database's version column does.
        Organization saved = InMemoryDatabase.copy(org, org.version() + 1);
        db.orgs.put(org.id(), saved);
        return InMemoryDatabase.copy(saved, saved.version());
    }

    @Override
    public Optional<Organization> findById(OrgId id) {
        return Optional.ofNullable(db.orgs.get(id)).map(org -> InMemoryDatabase.copy(org, org.version()));
    }

    @Override
    public boolean slugTaken(Slug slug, OrgId except) {
        return db.orgs.values().stream().anyMatch(org -> org.slug().equals(slug) && !org.id().equals(except));
    }

    @Override
    public Page<Organization> list(UserId memberOf, String query, PageRequest page) {
        return InMemoryDatabase.page(db.orgs.values().stream()
                .filter(org -> memberOf == null
                        || db.orgMembers.containsKey(new InMemoryDatabase.OrgMemberKey(org.id(), memberOf)))
                .filter(org -> query == null || contains(org.name(), query) || contains(org.slug().value(), query))
                .sorted(Comparator.comparing((Organization org) -> org.name().toLowerCase(Locale.ROOT))
                        .thenComparing(org -> org.id().value()))
                .map(org -> InMemoryDatabase.copy(org, org.version()))
                .toList(), page);
    }

    @Override
    public long memberCount(OrgId id) {
        return db.orgMembers.values().stream().filter(member -> Objects.equals(member.orgId(), id)).count();
    }

    static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
