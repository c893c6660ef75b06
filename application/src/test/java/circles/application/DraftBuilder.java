package circles.application;

import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupType;
import circles.domain.group.NotificationDefaults;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.shared.Slug;

import java.time.Instant;

/** Builds the draft of a group to create: an org group of type project, or a standalone one. */
public final class DraftBuilder {
    private final String name;
    private OrgId orgId;
    private Slug slug;
    private GroupType type;
    private GroupKind kind = GroupKind.STATIC;
    private GroupId parentId;
    private Visibility visibility = Visibility.ORGANIZATION;
    private UserId reviewerId;
    private GroupSettings settings;
    private Instant expiresAt;

    private DraftBuilder(String name) {
        this.name = name;
    }

    public static DraftBuilder named(String name) {
        return new DraftBuilder(name);
    }

    public DraftBuilder in(OrgId orgId) {
        this.orgId = orgId;
        return this;
    }

    public DraftBuilder slug(String slug) {
        this.slug = new Slug(slug);
        return this;
    }

    public DraftBuilder type(GroupType type) {
        this.type = type;
        return this;
    }

    public DraftBuilder kind(GroupKind kind) {
        this.kind = kind;
        return this;
    }

    public DraftBuilder under(GroupId parentId) {
        this.parentId = parentId;
        return this;
    }

    public DraftBuilder visibility(Visibility visibility) {
        this.visibility = visibility;
        return this;
    }

    public DraftBuilder reviewer(String reviewerId) {
        this.reviewerId = UserId.of(reviewerId);
        return this;
    }

    public DraftBuilder settings(boolean allowMemberInvites, boolean requireApproval, boolean autoAddNewOrgMembers) {
        this.settings = new GroupSettings(allowMemberInvites, requireApproval, autoAddNewOrgMembers,
                NotificationDefaults.ON);
        return this;
    }

    public DraftBuilder expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public Group.Draft build() {
        GroupType chosenType = type != null ? type : orgId == null ? GroupType.STANDALONE : GroupType.PROJECT;
        Visibility chosenVisibility = orgId == null && visibility == Visibility.ORGANIZATION ? Visibility.PRIVATE
                : visibility;
        return new Group.Draft(orgId, new GroupDescription(name, null, null, null, null), slug, chosenType, kind,
                parentId, chosenVisibility, reviewerId, settings, null, expiresAt);
    }
}
