package circles.domain.group;

import circles.domain.actor.UserId;
import circles.domain.shared.Require;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** An external resource (a course, a document, a channel) given to everyone in a static group. */
public record Assignment(UUID id, GroupId groupId, String resourceType, String resourceId, UserId assignedBy,
                         Instant assignedAt) {
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public Assignment {
        resourceType = Require.matching(Require.text(resourceType, "resourceType", 64), RESOURCE_TYPE,
                "resourceType", "must be lower-case letters, digits, '_', '.' or '-'");
        resourceId = Require.text(resourceId, "resourceId", 255);
    }

    public static Assignment assign(Group group, String resourceType, String resourceId, UserId by, Instant now) {
        group.requireStatic("assigning content");
        return new Assignment(UUID.randomUUID(), group.id(), resourceType, resourceId, by, now);
    }
}
