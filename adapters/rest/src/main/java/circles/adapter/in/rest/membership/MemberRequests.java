package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.application.port.in.membership.AddGroupMembersUseCase;
import circles.application.port.in.membership.UpdateGroupMemberUseCase;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationOverride;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the bodies of the group-member and assignment operations. */
public final class MemberRequests {
    /** The extra rights a member can be given; the others come with roles only. */
    public static final Set<GroupPermission> GRANTABLE = EnumSet.of(GroupPermission.MANAGE_MEMBERS,
            GroupPermission.MANAGE_SETTINGS, GroupPermission.SEND_NOTIFICATIONS);
    private static final Set<MembershipStatus> NEW_MEMBER_STATUSES = EnumSet.of(MembershipStatus.ACTIVE,
            MembershipStatus.PENDING);
    private static final int MAX_PERMISSIONS = 10;

    private MemberRequests() {
    }

    /**
     * {@code GroupMemberAddList}. Every bad item is reported (as {@code [i].field}) before anything is added;
     * a value of the wrong JSON type stops reading at once (400).
     */
    public static List<AddGroupMembersUseCase.NewMember> add(ArrayNode items) {
        List<AddGroupMembersUseCase.NewMember> members = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BodyObject item = BodyObject.of(items.get(i), "[" + i + "]");
            try {
                members.add(newMember(item));
            } catch (RuleViolation e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("members-rejected", errors.size() + " of " + items.size()
                    + " items are invalid; nothing was added", errors);
        }
        return members;
    }

    private static AddGroupMembersUseCase.NewMember newMember(BodyObject item) {
        UserId userId = Bodies.required(Bodies.userId(item, "userId"), item, "userId");
        Instant validFrom = item.time("validFrom");
        Instant validUntil = item.time("validUntil");
        requireOrdered(item, validFrom, validUntil);
        return new AddGroupMembersUseCase.NewMember(userId,
                item.enumValue("role", GroupRole.class),
                item.enumValue("status", MembershipStatus.class, NEW_MEMBER_STATUSES),
                validFrom, validUntil, permissions(item));
    }

    /** {@code GroupMemberPatch}; {@code current} is the membership the patch applies to. */
    public static UpdateGroupMemberUseCase.Command update(GroupId groupId, UserId userId, BodyObject body,
                                                          Membership current) {
        GroupRole role = Bodies.notNull(body.patch("role", name -> body.enumValue(name, GroupRole.class)),
                body, "role");
        MembershipStatus status = Bodies.notNull(
                body.patch("status", name -> body.enumValue(name, MembershipStatus.class)), body, "status");
        Optional<Instant> validFrom = body.patch("validFrom", body::time);
        Optional<Instant> validUntil = body.patch("validUntil", body::time);
        requireOrdered(body, validFrom == null ? current.validFrom() : validFrom.orElse(null),
                validUntil == null ? current.validUntil() : validUntil.orElse(null));
        Set<GroupPermission> permissions = body.has("permissions")
                ? Bodies.notNull(body.patch("permissions", name -> permissions(body)), body, "permissions")
                : null;
        return new UpdateGroupMemberUseCase.Command(groupId, userId, role, status, validFrom, validUntil,
                permissions, notificationOverride(body, current.notificationOverride()));
    }

    /** Merged into the current override; {@code null} removes it, and so does an override left empty. */
    private static Optional<NotificationOverride> notificationOverride(BodyObject body, NotificationOverride current) {
        if (!body.has("notificationOverride")) {
            return null;
        }
        BodyObject patch = body.object("notificationOverride");
        if (patch == null) {
            return Optional.empty();
        }
        Boolean enabled = current == null ? null : current.enabled();
        List<String> types = current == null ? null : current.types();
        if (patch.has("enabled")) {
            enabled = patch.bool("enabled");
        }
        if (patch.has("types")) {
            types = patch.texts("types");
            for (int i = 0; types != null && i < types.size(); i++) {
                if (types.get(i).isEmpty() || types.get(i).length() > 64) {
                    throw RuleViolation.invalidField(patch.field("types[" + i + "]"), "must be 1 to 64 characters");
                }
            }
        }
        return enabled == null && types == null ? Optional.empty()
                : Optional.of(new NotificationOverride(enabled, types));
    }

    private static Set<GroupPermission> permissions(BodyObject body) {
        List<GroupPermission> given = body.enumValues("permissions", GroupPermission.class, GRANTABLE);
        if (given == null) {
            return Set.of();
        }
        if (given.size() > MAX_PERMISSIONS) {
            throw RuleViolation.invalidField(body.field("permissions"),
                    "must have at most " + MAX_PERMISSIONS + " entries");
        }
        return given.isEmpty() ? Set.of() : EnumSet.copyOf(given);
    }

    private static void requireOrdered(BodyObject body, Instant from, Instant until) {
        if (from != null && until != null && !until.isAfter(from)) {
            throw RuleViolation.invalidField(body.field("validUntil"), "must be after validFrom");
        }
    }

    /** {@code AssignmentCreate}: resourceType and resourceId. */
    public record NewAssignment(String resourceType, String resourceId) {
        public static NewAssignment read(BodyObject body) {
            return new NewAssignment(Bodies.required(body.text("resourceType"), body, "resourceType"),
                    Bodies.required(body.text("resourceId"), body, "resourceId"));
        }
    }
}
