package circles.domain.criterion;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.OrgId;

import java.time.Instant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What criteria may ask about one org while they are evaluated in memory: its members, its master-data trees,
 * its reporting lines and the members of its other groups. One context serves one org.
 */
public interface EvaluationContext {
    /** Reporting chains longer than this are cut (manager cycles are refused, this only bounds bad data). */
    int MAX_CHAIN = 1_000;

    /** The org the rule is evaluated in (criteria backed by their own data sources look it up there). */
    OrgId orgId();

    /** The moment the evaluation judges (recency criteria count back from it). */
    Instant now();

    /** The org member with this id, whatever their status. */
    Optional<Candidate> candidate(UserId userId);

    /**
     * The org member a rule names by user id or by email: a user id wins; an email is compared case-insensitively
     * after trimming.
     */
    Optional<UserId> resolveMember(String userIdOrEmail);

    /**
     * The keys above {@code key} in the tree of {@code kind} (department or location), nearest first; empty for a
     * root and for a key the org does not know (an unknown key is a leaf with no children).
     */
    List<String> ancestors(MasterDataKind kind, String key);

    /** Whether {@code userId} is an active effective member of the group {@code groupId} of the same org. */
    boolean isMemberOf(GroupId groupId, UserId userId);

    /**
     * A value worked out once per evaluation and shared by every criterion that asks with an equal key, such as the
     * org-wide maxima of an activity score: a whole-org evaluation then reads them once, not once per member. A
     * context that keeps nothing computes the value on every call.
     */
    default <T> T memo(Object key, Supplier<T> compute) {
        return compute.get();
    }

    /** The managers above {@code userId}, direct manager first, following each profile's managerId. */
    default List<UserId> managerChain(UserId userId) {
        List<UserId> chain = new ArrayList<>();
        Set<UserId> seen = new HashSet<>();
        seen.add(userId);
        UserId next = candidate(userId).map(c -> c.profile().managerId()).orElse(null);
        while (next != null && seen.add(next) && chain.size() < MAX_CHAIN) {
            chain.add(next);
            next = candidate(next).map(c -> c.profile().managerId()).orElse(null);
        }
        return chain;
    }
}
