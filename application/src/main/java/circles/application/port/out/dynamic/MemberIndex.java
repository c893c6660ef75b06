package circles.application.port.out.dynamic;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Precomputed structures over an org's members (per attribute value, per status, per manager) that answer a rule as
 * set algebra, without a query over the members. An index answers only when it holds a structure for every leaf of
 * the rule, and only from structures at least as new as the data the caller's unit of work sees; otherwise it
 * answers nothing and the caller takes the set-based or the in-memory path. Call it inside a unit of work.
 */
public interface MemberIndex {
    /** An index that never answers: every rule takes the other paths. */
    MemberIndex NONE = (orgId, rule) -> Optional.empty();

    /** The active members of the org that the rule selects, if every leaf of the rule has a structure. */
    Optional<Selection> select(OrgId orgId, Rule rule);

    /** The answer of one rule over the index; read it inside the unit of work that asked. */
    interface Selection {
        /** How many members the rule selects. */
        long count();

        /** Every member the rule selects. */
        Set<UserId> members();

        /** The first {@code limit} selected members in user id order ({@link String#compareTo}). */
        List<UserId> first(int limit);
    }
}
