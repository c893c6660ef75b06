package circles.application.port.out.dynamic;

import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.MembershipVerdict;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The computed members of dynamic groups: a snapshot per group, kept apart from the static memberships, that
 * an evaluation replaces by writing only the difference. Every write records its changes in the group's
 * {@link MembershipHistory}. Everything happens in the current transaction.
 */
public interface DynamicMembersStore {

    /** How a computed membership arises: the rule matched, or an include override put the member in. */
    enum Via {
        RULE, INCLUDE;

        /** How a verdict is stored: null for a user who is no member. */
        public static Via of(MembershipVerdict verdict) {
            return switch (verdict) {
                case MembershipVerdict.SelectedByRule byRule -> RULE;
                case MembershipVerdict.Included included -> INCLUDE;
                case MembershipVerdict.Excluded excluded -> null;
                case MembershipVerdict.NotSelected notSelected -> null;
            };
        }
    }

    record DynamicMember(UserId userId, Instant since, Via via) {
        public DynamicMember {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(via, "via");
        }
    }

    /** A dynamic group that {@code userId} is a computed member of. */
    record DynamicMembership(GroupId groupId, Instant since, Via via) {
    }

    /** What a write changed: the members added and removed, and how many stayed. */
    record Diff(List<UserId> added, List<UserId> removed, long unchanged) {
        public Diff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }

        public long memberCount() {
            return added.size() + unchanged;
        }
    }

    /** The stored members of the group, in userId order. */
    Page<DynamicMember> members(GroupId groupId, OrgId orgId, PageRequest page);

    /** The stored members of the group, all at once (the evaluation compares against them). */
    Set<UserId> memberIds(GroupId groupId, OrgId orgId);

    /** The stored membership of one user, if any. */
    Optional<DynamicMember> member(GroupId groupId, OrgId orgId, UserId userId);

    /**
     * Makes {@code target} the group's members: writes the difference to the stored snapshot set-based, records
     * one history event per added and removed member with {@code cause} and {@code evaluationId} at {@code now}, and stores the group's
     * new member count and {@code now} as its last computation. {@code included} is the part of {@code target}
     * that is there by an include override (the rest is there by the rule). Every user in {@code target} must be
     * a member of the org.
     */
    Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, Set<UserId> included,
                   MembershipHistory.Cause cause, UUID evaluationId, Instant now);

    /** As {@link #applyDiff(GroupId, OrgId, Set, Set, MembershipHistory.Cause, UUID, Instant)}, as an evaluation of its own. */
    default Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, Set<UserId> included,
                           MembershipHistory.Cause cause, Instant now) {
        return applyDiff(groupId, orgId, target, included, cause, UUID.randomUUID(), now);
    }

    default Diff applyDiff(GroupId groupId, OrgId orgId, Set<UserId> target, MembershipHistory.Cause cause,
                           Instant now) {
        return applyDiff(groupId, orgId, target, Set.of(), cause, now);
    }

    /** What {@link #applyRuleDiff} wrote: the difference, and the members that only an include override put there. */
    record RuleDiff(Diff diff, Set<UserId> included) {
        public RuleDiff {
            Objects.requireNonNull(diff, "diff");
            included = Set.copyOf(included);
        }
    }

    /**
     * {@link #applyDiff} with the target found by the store itself: the org's active members that {@code rule}
     * selects at {@code now}, less {@code excluded}, plus the active members among {@code includes} (those the rule
     * does not select are then there by the include). Nothing goes through the caller: a store that evaluates the
     * rule where the snapshot lives compares and writes in place, whatever the group's size. Empty when this store
     * cannot evaluate the rule; the caller then evaluates it and calls {@link #applyDiff}.
     *
     * @param includes users named by an include override in force (none of them excluded)
     * @param excluded users named by an exclude override in force
     */
    default Optional<RuleDiff> applyRuleDiff(GroupId groupId, OrgId orgId, Rule rule, Instant now,
                                             Set<UserId> includes, Set<UserId> excluded,
                                             MembershipHistory.Cause cause, UUID evaluationId) {
        return Optional.empty();
    }

    /**
     * {@link #applyRuleDiff} for some members only: each user of {@code among} ends as that evaluation would leave
     * them (the rule, less {@code excluded}, plus the active members among {@code includes}), every other member of
     * the snapshot stays as it is. The difference names only users of {@code among}; the member count follows, the
     * last computation does not (as {@link #applyOne}). For a re-check of many members whose data changed at once,
     * at a cost that grows with them instead of with the group. Empty when this store cannot evaluate the rule.
     */
    default Optional<RuleDiff> applyRuleDiffAmong(GroupId groupId, OrgId orgId, Rule rule, Instant now,
                                                  Set<UserId> includes, Set<UserId> excluded, Set<UserId> among,
                                                  MembershipHistory.Cause cause, UUID evaluationId) {
        return Optional.empty();
    }

    /**
     * The incremental path: makes one user a member ({@code via} not null) or not ({@code via} null), recording
     * the change (if any) like {@link #applyDiff}; the member count follows, the last computation does not.
     */
    Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, MembershipHistory.Cause cause,
                  UUID evaluationId, Instant now);

    /** As {@link #applyOne(GroupId, OrgId, UserId, Via, MembershipHistory.Cause, UUID, Instant)}, as an evaluation of its own. */
    default Diff applyOne(GroupId groupId, OrgId orgId, UserId userId, Via via, MembershipHistory.Cause cause,
                          Instant now) {
        return applyOne(groupId, orgId, userId, via, cause, UUID.randomUUID(), now);
    }

    /**
     * A member of the group at a past time, and since when: the time of their last addition up to then. The history
     * records additions and removals, not whether the rule or an override held the member.
     */
    record MemberAt(UserId userId, Instant since) {
        public MemberAt {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(since, "since");
        }
    }

    /** The members of the group at {@code at}, as its history tells, in userId order. */
    Page<MemberAt> membersAt(GroupId groupId, OrgId orgId, Instant at, PageRequest page);

    /** The dynamic groups of the org that {@code userId} is a computed member of, in group id order. */
    List<DynamicMembership> groupsOfUser(OrgId orgId, UserId userId);
}
