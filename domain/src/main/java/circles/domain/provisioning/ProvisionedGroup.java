package circles.domain.provisioning;

import circles.domain.group.Group;
import circles.domain.shared.Require;

import java.time.Instant;

/**
 * A static org group as an identity provider sees it: the group, the provider's {@code externalId} for it, and
 * the state of its member list, whose version moves with every change of the members whichever way it is made.
 */
public record ProvisionedGroup(Group group, String externalId, long membersVersion, Instant membersChangedAt) {
    public ProvisionedGroup {
        Require.present(group, "group");
    }

    /** One tag for the group and its member list: it changes whenever either changes. */
    public String versionTag() {
        return group.version() + "-" + membersVersion;
    }

    /** The later of the group's own last change and the last change of its members. */
    public Instant lastModified() {
        return membersChangedAt != null && membersChangedAt.isAfter(group.updatedAt()) ? membersChangedAt
                : group.updatedAt();
    }
}
