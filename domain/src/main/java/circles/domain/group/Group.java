package circles.domain.group;

import circles.domain.actor.UserId;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One grouping of people: org-scoped or standalone, static or dynamic, possibly nested under a parent.
 * Nesting itself (cycles, depth, same org) is checked by {@link Nesting} because it needs the ancestry.
 */
public final class Group {
    private final GroupId id;
    private final OrgId orgId;
    private GroupDescription description;
    private Slug slug;
    private GroupType type;
    private final GroupKind kind;
    private GroupId parentId;
    private Visibility visibility;
    private final UserId ownerId;
    private UserId reviewerId;
    private GroupSettings settings;
    private Map<String, Object> metadata;
    private GroupStatus status;
    private Instant expiresAt;
    private final GroupPreset preset;
    private final long version;
    private final Instant createdAt;
    private Instant updatedAt;

    private Group(GroupId id, OrgId orgId, GroupDescription description, Slug slug, GroupType type, GroupKind kind,
                  GroupId parentId, Visibility visibility, UserId ownerId, UserId reviewerId, GroupSettings settings,
                  Map<String, Object> metadata, GroupStatus status, Instant expiresAt, GroupPreset preset, long version,
                  Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.orgId = orgId;
        this.description = Require.present(description, "name");
        this.slug = Require.present(slug, "slug");
        this.type = Require.present(type, "type");
        this.kind = Require.present(kind, "kind");
        this.parentId = parentId;
        this.visibility = Require.present(visibility, "visibility");
        this.ownerId = ownerId;
        this.reviewerId = reviewerId;
        this.settings = settings == null ? GroupSettings.DEFAULTS : settings;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.status = status;
        this.expiresAt = expiresAt;
        this.preset = preset;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        requireTypeMatchesScope(orgId, type);
        requireVisibilityMatchesScope(orgId, visibility);
    }

    private static void requireVisibilityMatchesScope(OrgId orgId, Visibility visibility) {
        if (orgId == null && visibility == Visibility.ORGANIZATION) {
            throw RuleViolation.invalidField("visibility",
                    "a standalone group belongs to no org: choose public or private");
        }
    }

    /** What a caller decides when creating a group; the owner and times come from the use case. */
    public record Draft(OrgId orgId, GroupDescription description, Slug slug, GroupType type, GroupKind kind,
                        GroupId parentId, Visibility visibility, UserId reviewerId, GroupSettings settings,
                        Map<String, Object> metadata, Instant expiresAt) {
    }

    public static Group create(Draft draft, UserId ownerId, Instant now) {
        if (draft.expiresAt() != null && !draft.expiresAt().isAfter(now)) {
            throw RuleViolation.invalidField("expiresAt", "must be in the future");
        }
        Slug slug = draft.slug() != null ? draft.slug() : Slug.fromName(draft.description().name());
        GroupKind kind = draft.kind() == null ? GroupKind.STATIC : draft.kind();
        return new Group(GroupId.random(), draft.orgId(), draft.description(), slug, draft.type(), kind,
                draft.parentId(), draft.visibility(), ownerId, draft.reviewerId(), draft.settings(), draft.metadata(),
                GroupStatus.ACTIVE, draft.expiresAt(), null, 0, now, now);
    }

    /**
     * One of the org's default groups: dynamic, type custom, private (a dynamic group's members did not choose it,
     * so only org admins see it), owned like any org group by whoever made it (the creator of the org, the admin
     * who re-seeded, or the system). The caller picks a {@code name} free in the org (the preset's title unless
     * another group has it) and installs the rule.
     */
    public static Group preset(OrgId orgId, GroupPreset preset, String name, UserId ownerId, Instant now) {
        Require.present(orgId, "orgId");
        Require.present(preset, "preset");
        GroupDescription description = new GroupDescription(name, preset.about(), null, null, null);
        return new Group(GroupId.random(), orgId, description, Slug.fromName(name), GroupType.CUSTOM,
                GroupKind.DYNAMIC, null, Visibility.PRIVATE, ownerId, null, GroupSettings.DEFAULTS, Map.of(),
                GroupStatus.ACTIVE, null, preset, 0, now, now);
    }

    /** Rebuilds a stored group; the values were valid when saved. */
    public static Group restore(GroupId id, OrgId orgId, GroupDescription description, Slug slug, GroupType type,
                                GroupKind kind, GroupId parentId, Visibility visibility, UserId ownerId,
                                UserId reviewerId, GroupSettings settings, Map<String, Object> metadata,
                                GroupStatus status, Instant expiresAt, GroupPreset preset, long version,
                                Instant createdAt, Instant updatedAt) {
        return new Group(id, orgId, description, slug, type, kind, parentId, visibility, ownerId, reviewerId,
                settings, metadata, status, expiresAt, preset, version, createdAt, updatedAt);
    }

    private static void requireTypeMatchesScope(OrgId orgId, GroupType type) {
        if (orgId == null && type != GroupType.STANDALONE) {
            throw RuleViolation.invalidField("type", "a group without orgId must have type standalone");
        }
        if (orgId != null && type == GroupType.STANDALONE) {
            throw RuleViolation.invalidField("type", "an org group cannot have type standalone");
        }
    }

    public void describe(GroupDescription newDescription, Instant now) {
        this.description = Require.present(newDescription, "name");
        touch(now);
    }

    public void changeSlug(Slug newSlug, Instant now) {
        this.slug = Require.present(newSlug, "slug");
        touch(now);
    }

    public void changeType(GroupType newType, Instant now) {
        requireTypeMatchesScope(orgId, Require.present(newType, "type"));
        this.type = newType;
        touch(now);
    }

    public void changeVisibility(Visibility newVisibility, Instant now) {
        requireVisibilityMatchesScope(orgId, Require.present(newVisibility, "visibility"));
        this.visibility = newVisibility;
        touch(now);
    }

    public void assignReviewer(UserId newReviewer, Instant now) {
        this.reviewerId = newReviewer;
        touch(now);
    }

    public void changeSettings(GroupSettings newSettings, Instant now) {
        this.settings = Require.present(newSettings, "settings");
        touch(now);
    }

    public void changeMetadata(Map<String, Object> newMetadata, Instant now) {
        this.metadata = newMetadata == null ? Map.of() : Map.copyOf(newMetadata);
        touch(now);
    }

    public void changeExpiry(Instant newExpiry, Instant now) {
        if (newExpiry != null && !newExpiry.isAfter(now)) {
            throw RuleViolation.invalidField("expiresAt", "must be in the future");
        }
        this.expiresAt = newExpiry;
        touch(now);
    }

    /** Moves the group; the caller has checked the new place with {@link Nesting#check}. */
    public void moveUnder(GroupId newParent, Instant now) {
        this.parentId = newParent;
        touch(now);
    }

    public void archive(Instant now) {
        this.status = GroupStatus.ARCHIVED;
        touch(now);
    }

    public void unarchive(Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new RuleViolation("group-expired",
                    "the group expired at " + expiresAt + "; change expiresAt before unarchiving it");
        }
        this.status = GroupStatus.ACTIVE;
        touch(now);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean isStandalone() {
        return orgId == null;
    }

    public boolean isDynamic() {
        return kind == GroupKind.DYNAMIC;
    }

    /** Dynamic groups compute their members; hand edits of membership or content are refused. */
    public void requireStatic(String operation) {
        if (isDynamic()) {
            throw new RuleViolation("dynamic-group-read-only",
                    "group " + id + " is dynamic: its members are computed from its rule, so " + operation
                            + " is not possible");
        }
    }

    /** The rule of a dynamic group changed: the group is changed (a new version) at {@code now}. */
    public void ruleChanged(Instant now) {
        if (!isDynamic()) {
            throw new RuleViolation("group-not-dynamic", "group " + id + " is static: it has no rule");
        }
        touch(now);
    }

    /**
     * A default group is part of what every org has: it can be renamed and its rule edited, but not deleted
     * (re-seeding would only bring it back empty of its history).
     */
    public void requireDeletable() {
        if (preset != null) {
            throw new RuleViolation("preset-group-undeletable", "group " + id + " ('" + name() + "') is the org's"
                    + " default group " + preset.wireName() + ": default groups cannot be deleted; rename it or"
                    + " change its rule instead");
        }
    }

    public boolean isPreset() {
        return preset != null;
    }

    public void requireActive(String operation) {
        if (status == GroupStatus.ARCHIVED) {
            throw new RuleViolation("group-archived", "group " + id + " is archived, so " + operation
                    + " is not possible; unarchive it first");
        }
    }

    private void touch(Instant now) {
        this.updatedAt = now;
    }

    public GroupId id() { return id; }
    public Optional<OrgId> orgId() { return Optional.ofNullable(orgId); }
    public OrgId orgIdOrNull() { return orgId; }
    public GroupDescription description() { return description; }
    public String name() { return description.name(); }
    public Slug slug() { return slug; }
    public GroupType type() { return type; }
    public GroupKind kind() { return kind; }
    public GroupId parentId() { return parentId; }
    public Visibility visibility() { return visibility; }
    public UserId ownerId() { return ownerId; }
    public UserId reviewerId() { return reviewerId; }
    public GroupSettings settings() { return settings; }
    public Map<String, Object> metadata() { return metadata; }
    public GroupStatus status() { return status; }
    public Instant expiresAt() { return expiresAt; }
    public GroupPreset preset() { return preset; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
