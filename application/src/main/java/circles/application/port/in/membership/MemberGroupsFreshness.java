package circles.application.port.in.membership;

import circles.application.port.out.membership.AnswerStamps;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a kept answer to "which groups is this user in" is filed under, and whether it still holds: the caller (their
 * id and platform roles, which decide what they may see), the list asked for and its page, checked against the
 * public event log of the orgs involved ({@link AnswerStamps}).
 */
public interface MemberGroupsFreshness {

    /** The key of the caller's own list ({@code /v1/me/groups}); empty when such an answer is not kept for them. */
    Optional<AnswerKey> myGroupsKey(PageRequest page);

    /** The key of a member's list in an org; empty when such an answer is not kept for the caller. */
    Optional<AnswerKey> groupsKey(OrgId orgId, UserId userId, PageRequest page);

    /** The log's position now for the key's answer; taken before the answer is read. */
    AnswerStamps.Stamp stamp(AnswerKey key);

    /**
     * {@code read}'s answer with the log's position for the key taken first, in the transaction that then reads the
     * answer (which {@code read} joins): the stamp and the read share a connection and the org's scope, one round
     * trip fewer than a stamp of its own. A failing read fails the whole, and no stamp is returned.
     */
    <T> Stamped<T> stampedRead(AnswerKey key, Supplier<T> read);

    /** An answer and the log's position taken before it was read. */
    record Stamped<T>(AnswerStamps.Stamp stamp, T answer) {
    }

    /** Whether the answer kept with {@code stamp} is still the one the database would give now. */
    boolean unchanged(AnswerKey key, AnswerStamps.Stamp stamp);

    /**
     * Whose list, asked by whom, which page. {@code orgId} null for the caller's own list across orgs.
     */
    record AnswerKey(UserId caller, Set<String> callerRoles, OrgId orgId, UserId userId, int limit, String cursor) {
        public AnswerKey {
            callerRoles = Set.copyOf(callerRoles);
        }
    }
}
