package circles.domain.org;

import circles.domain.shared.Require;
import circles.domain.shared.Slug;

import java.time.Instant;

/** A tenant. Everything org-scoped in Circles hangs off one. */
public final class Organization {
    public static final int NAME_MAX = 200;

    private final OrgId id;
    private String name;
    private Slug slug;
    private final long version;
    private final Instant createdAt;
    private Instant updatedAt;

    private Organization(OrgId id, String name, Slug slug, long version, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.name = Require.text(name, "name", NAME_MAX);
        this.slug = Require.present(slug, "slug");
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public static Organization create(String name, Slug slug, Instant now) {
        return new Organization(OrgId.random(), name, slug, 0, now, now);
    }

    /** Rebuilds a stored organization; the values were valid when saved. */
    public static Organization restore(OrgId id, String name, Slug slug, long version, Instant createdAt,
                                       Instant updatedAt) {
        return new Organization(id, name, slug, version, createdAt, updatedAt);
    }

    public void rename(String newName, Instant now) {
        this.name = Require.text(newName, "name", NAME_MAX);
        this.updatedAt = now;
    }

    public void changeSlug(Slug newSlug, Instant now) {
        this.slug = Require.present(newSlug, "slug");
        this.updatedAt = now;
    }

    public OrgId id() { return id; }
    public String name() { return name; }
    public Slug slug() { return slug; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
