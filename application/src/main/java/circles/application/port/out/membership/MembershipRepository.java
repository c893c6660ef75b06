package circles.application.port.out.membership;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface MembershipRepository {
    Optional<Membership> find(GroupId groupId, UserId userId);

    /** Inserts new memberships or updates existing ones. */
    void saveAll(Collection<Membership> memberships);

    default void save(Membership membership) {
        saveAll(List.of(membership));
    }

    void delete(GroupId groupId, UserId userId);

    /** Which of these users already have a membership of the group. */
    List<UserId> existing(GroupId groupId, Collection<UserId> userIds);

    long countEffectiveOwners(GroupId groupId, Instant now);

    record Filter(GroupRole role, MembershipStatus status) {
    }

    Page<Membership> listDirect(GroupId groupId, Filter filter, PageRequest page);

    /**
     * A member of the group or one of its subgroups; {@code via} is the group they are a direct member of;
     * {@code computed} says how a computed member of a dynamic group arises (null for stored memberships).
     */
    record EffectiveMember(Membership membership, GroupId via, DynamicMembersStore.Via computed) {
        public EffectiveMember(Membership membership, GroupId via) {
            this(membership, via, null);
        }
    }

    /**
     * Members of the group and of its subgroups (the computed members of dynamic subgroups among them): one entry per
     * user, the nearest membership wins.
     */
    Page<EffectiveMember> listEffective(GroupId groupId, Filter filter, Instant now, PageRequest page);

    /**
     * A group a user is in, directly or (for ancestors) through one of its subgroups. {@code membership} is the
     * user's membership of {@code via}; {@code computed} says how a computed membership of {@code via}, a dynamic
     * group, arises (null when {@code via} is a static group).
     */
    record UserGroup(Group group, Membership membership, boolean direct, GroupId via,
                     DynamicMembersStore.Via computed) {
        public UserGroup(Group group, Membership membership, boolean direct, GroupId via) {
            this(group, membership, direct, via, null);
        }
    }

    /**
     * The user's groups (in one org, or everywhere when {@code orgId} is null): their direct memberships, the dynamic
     * groups they are a computed member of, and the static ancestors of both.
     */
    Page<UserGroup> groupsOf(UserId userId, OrgId orgId, Instant now, PageRequest page);

    /** Removes a user from every group of the org. Returns the groups they were removed from. */
    List<GroupId> removeFromOrg(OrgId orgId, UserId userId);

    /**
     * Deletes up to {@code limit} memberships whose validity ended, those that ended first; returns them in that order.
     * Safe when several instances run it at once.
     */
    List<Membership> removeEnded(Instant now, int limit);
}
