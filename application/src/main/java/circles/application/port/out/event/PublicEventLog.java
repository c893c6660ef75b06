package circles.application.port.out.event;

import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The public event log of an org: an insert-only record of what changed, as CloudEvents, written in the transaction
 * of the change (so an event exists if and only if its change committed), and read back as the org's change feed in
 * the order of positions that only grow. It is not the internal directory queue ({@link DirectoryEvents}).
 */
public interface PublicEventLog {

    /** Records one event in the current transaction. */
    void append(PublicEvent event);

    /**
     * Records what one evaluation of a dynamic group changed, in the current transaction: one
     * {@code circles.group.member.added} or {@code .removed} per member when the evaluation changed at most
     * {@code limit} members, otherwise one {@code circles.group.members.bulk_changed} with the counts. Written
     * set-based: the size of the evaluation costs statements nothing.
     */
    void appendEvaluation(Evaluation evaluation, int limit);

    /**
     * One page of the org's feed: the events after {@code after} (null: from the oldest retained) of the given types
     * (empty: every type), in position order, and only those whose writing transaction and every older one have
     * ended. {@link Feed#next} continues from the last event returned, or from the end of what is visible when the
     * page reached it; it is never behind {@code after}.
     */
    Feed read(OrgId orgId, FeedPosition after, Set<PublicEventType> types, int limit);

    /** The position before every event not yet visible: a reader starting there gets only what comes later. */
    FeedPosition now(OrgId orgId);

    /** The signed cursor of a feed position, bound to the org: it works for that org's feed only. */
    String cursor(OrgId orgId, FeedPosition position);

    /**
     * The feed position of a cursor this log issued for the org's feed; an {@code invalid-cursor} rejection for
     * anything else (changed, made up, or issued for another org).
     */
    FeedPosition position(OrgId orgId, String cursor);

    /** Deletes at most {@code limit} events that occurred before {@code cutoff}; returns how many went. */
    int purgeOlderThan(Instant cutoff, int limit);

    /** One event: its CloudEvents id, type, subject (the group or member id), time and {@code data}. */
    record PublicEvent(UUID id, OrgId orgId, PublicEventType type, String subject, Instant time,
                       Map<String, Object> data) {
        public PublicEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(time, "time");
            // Values may be null (e.g. a top-level group's parent), which Map.copyOf refuses.
            data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(data, "data")));
        }

        /**
         * The public event of an org member's arrival ({@code added}), departure ({@code removed}) or change:
         * {@code changedFields} names what differs, never the values. Empty when nothing changed.
         */
        public static java.util.Optional<PublicEvent> ofMemberChange(MemberChanged change, Instant at) {
            if (!change.changesAnything()) {
                return java.util.Optional.empty();
            }
            PublicEventType type = change.before() == null ? PublicEventType.ORG_MEMBER_ADDED
                    : change.after() == null ? PublicEventType.ORG_MEMBER_REMOVED
                    : PublicEventType.ORG_MEMBER_CHANGED;
            MemberChanged.Snapshot now = change.after() != null ? change.after() : change.before();
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("orgId", change.orgId().toString());
            data.put("userId", change.userId().value());
            data.put("role", now.role() == null ? null : now.role().name().toLowerCase(java.util.Locale.ROOT));
            data.put("status", now.status() == null ? null : now.status().name().toLowerCase(java.util.Locale.ROOT));
            data.put("changedFields", List.copyOf(new java.util.TreeSet<>(change.changedFields())));
            return java.util.Optional.of(new PublicEvent(UUID.randomUUID(), change.orgId(), type,
                    change.userId().value(), at, data));
        }

        /** The CloudEvents {@code source}: the org the event belongs to. */
        public String source() {
            return "/orgs/" + orgId;
        }
    }

    /**
     * What one evaluation of a dynamic group changed: the members added (with how they are members) and removed,
     * why, and its id, which the group's membership history carries too.
     */
    record Evaluation(UUID evaluationId, OrgId orgId, GroupId groupId, MembershipHistory.Cause cause,
                      Map<UserId, DynamicMembersStore.Via> added, List<UserId> removed, Instant at) {
        public Evaluation {
            Objects.requireNonNull(evaluationId, "evaluationId");
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(at, "at");
            // In the caller's order: the events follow it.
            added = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(added));
            removed = List.copyOf(removed);
        }

        public int changes() {
            return added.size() + removed.size();
        }
    }

    /**
     * A place in the feed: the transaction id and sequence of an event, and when that event occurred (the feed
     * refuses to continue from a place older than its retention, whose events may be gone).
     */
    record FeedPosition(long tx, long seq, Instant at) implements Comparable<FeedPosition> {
        public FeedPosition {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public int compareTo(FeedPosition other) {
            int byTx = Long.compareUnsigned(tx, other.tx);
            return byTx != 0 ? byTx : Long.compare(seq, other.seq);
        }
    }

    /** An event of the feed at its position. */
    record FeedEvent(FeedPosition position, PublicEvent event) {
    }

    /** A page of the feed and where the next one starts. */
    record Feed(List<FeedEvent> events, FeedPosition next, boolean more) {
        public Feed {
            events = List.copyOf(events);
            Objects.requireNonNull(next, "next");
        }
    }
}
