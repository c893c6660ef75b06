package circles.domain.directory;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A change of an org's directory that other parts react to after it committed (dynamic-group freshness today). One
 * sealed type, so that whatever handles these events switches over it and the compiler names every handler a new
 * event type still lacks.
 */
public sealed interface DirectoryEvent
        permits MemberChanged, MembersImported, MasterDataTreeChanged, GroupMembershipChanged, ActivityRecorded {

    /** Stable across redeliveries: a handler may see an event more than once and recognises it by this id. */
    UUID eventId();

    OrgId orgId();

    Instant occurredAt();

    /**
     * The member this event is about: the events of one member are delivered in the order they were published. Empty
     * for an event about the whole org (an import, a tree change, an ingestion call), ordered with the org's other
     * org-wide events.
     */
    default Optional<UserId> member() {
        return Optional.empty();
    }
}
