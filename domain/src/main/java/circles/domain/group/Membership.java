package circles.domain.group;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A user's direct, hand-managed membership of a static group. */
public final class Membership {
    private final GroupId groupId;
    private final OrgId orgId;
    private final UserId userId;
    private GroupRole role;
    private MembershipStatus status;
    private final Instant joinedAt;
    private final UserId invitedBy;
    private Instant validFrom;
    private Instant validUntil;
    private Set<GroupPermission> permissions;
    private NotificationOverride notificationOverride;

    private Membership(GroupId groupId, OrgId orgId, UserId userId, GroupRole role, MembershipStatus status,
                       Instant joinedAt, UserId invitedBy, Instant validFrom, Instant validUntil,
                       Set<GroupPermission> permissions, NotificationOverride notificationOverride) {
        this.groupId = groupId;
        this.orgId = orgId;
        this.userId = userId;
        this.role = role;
        this.status = status;
        this.joinedAt = joinedAt;
        this.invitedBy = invitedBy;
        this.permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        this.notificationOverride = notificationOverride;
        changeValidity(validFrom, validUntil);
    }

    public record Terms(GroupRole role, MembershipStatus status, Instant validFrom, Instant validUntil,
                        Set<GroupPermission> permissions) {
        public Terms {
            role = role == null ? GroupRole.MEMBER : role;
            status = status == null ? MembershipStatus.ACTIVE : status;
            permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
        }

        public static Terms of(GroupRole role, MembershipStatus status) {
            return new Terms(role, status, null, null, Set.of());
        }
    }

    public static Membership start(Group group, UserId userId, Terms terms, UserId invitedBy, Instant now) {
        group.requireStatic("adding members");
        return new Membership(group.id(), group.orgIdOrNull(), userId, terms.role(), terms.status(), now, invitedBy,
                terms.validFrom(), terms.validUntil(), terms.permissions(), null);
    }

    public static Membership restore(GroupId groupId, OrgId orgId, UserId userId, GroupRole role,
                                     MembershipStatus status, Instant joinedAt, UserId invitedBy, Instant validFrom,
                                     Instant validUntil, Set<GroupPermission> permissions,
                                     NotificationOverride notificationOverride) {
        return new Membership(groupId, orgId, userId, role, status, joinedAt, invitedBy, validFrom, validUntil,
                permissions, notificationOverride);
    }

    public void changeRole(GroupRole newRole) {
        this.role = newRole;
    }

    public void changeStatus(MembershipStatus newStatus) {
        this.status = newStatus;
    }

    public void changeValidity(Instant from, Instant until) {
        if (from != null && until != null && !until.isAfter(from)) {
            throw RuleViolation.invalidField("validUntil", "must be after validFrom");
        }
        this.validFrom = from;
        this.validUntil = until;
    }

    public void changePermissions(Set<GroupPermission> newPermissions) {
        this.permissions = Set.copyOf(newPermissions);
    }

    public void overrideNotifications(NotificationOverride override) {
        this.notificationOverride = override;
    }

    /** Active, and inside its validity window at {@code now}. Only such memberships give rights or count. */
    public boolean isEffectiveAt(Instant now) {
        return status == MembershipStatus.ACTIVE
                && (validFrom == null || !validFrom.isAfter(now))
                && (validUntil == null || validUntil.isAfter(now));
    }

    public boolean hasEndedAt(Instant now) {
        return validUntil != null && !validUntil.isAfter(now);
    }

    /** The permissions this membership grants at {@code now}: its role's plus its extra ones. */
    public Set<GroupPermission> grantsAt(Instant now) {
        if (!isEffectiveAt(now)) {
            return Set.of();
        }
        EnumSet<GroupPermission> granted = EnumSet.noneOf(GroupPermission.class);
        granted.addAll(role.permissions());
        granted.addAll(permissions);
        return granted;
    }

    public GroupId groupId() { return groupId; }
    public OrgId orgId() { return orgId; }
    public UserId userId() { return userId; }
    public GroupRole role() { return role; }
    public MembershipStatus status() { return status; }
    public Instant joinedAt() { return joinedAt; }
    public UserId invitedBy() { return invitedBy; }
    public Instant validFrom() { return validFrom; }
    public Instant validUntil() { return validUntil; }
    public Set<GroupPermission> permissions() { return permissions; }
    public NotificationOverride notificationOverride() { return notificationOverride; }
}
