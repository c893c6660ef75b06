package circles.application.port.out.dynamic;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What re-checking a few members against an org's dynamic groups reads, one small indexed lookup at a time, so that
 * a change of one member never loads the whole org (event-driven freshness: docs/design.md, Freshness).
 */
public interface RecheckLookups {

    /** A dynamic group's stored rule: its canonical form as plain data, as {@link DynamicGroupDefinitions} reads it. */
    record StoredRule(GroupId groupId, Map<String, Object> canonicalRule) {
        public StoredRule {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(canonicalRule, "canonicalRule");
        }
    }

    /** The active dynamic groups of the org that have a rule, in group id order. */
    List<StoredRule> activeRules(OrgId orgId);

    /** The org members among {@code userIds}, whatever their status; ids that name no member are left out. */
    Map<UserId, OrgMember> members(OrgId orgId, Collection<UserId> userIds);

    /**
     * The member whose email is {@code email}, compared as the in-memory evaluation does: both sides stripped of
     * surrounding white space and lower-cased ({@code Locale.ROOT}); the lowest user id when several share it.
     */
    Optional<UserId> memberByEmail(OrgId orgId, String email);

    /**
     * The static groups of the org the user is an active effective member of at {@code now}: groups where they hold
     * an active membership valid at {@code now}, and every ancestor of those groups.
     */
    Set<GroupId> staticGroupsOf(OrgId orgId, UserId userId, Instant now);

    /** The include and exclude entries naming these users, over all groups of the org (expired ones too). */
    List<OverrideEntry> overridesOf(OrgId orgId, Collection<UserId> userIds);

    /**
     * The stored computed memberships of these users in the org's dynamic groups, by user (users without any are
     * left out): the same rows as {@link DynamicMembersStore#groupsOfUser}, for many users at once.
     */
    Map<UserId, Map<GroupId, DynamicMembersStore.Via>> computedOf(OrgId orgId, Collection<UserId> userIds);

    /** Everyone below {@code managerId} in the reporting lines, at any depth, at most {@code limit} of them. */
    List<UserId> reportsBelow(OrgId orgId, UserId managerId, int limit);
}
