package circles.application.port.out;

import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;

/**
 * Reacts to directory changes delivered from the outbox. Delivery is at least once: a consumer must be
 * idempotent (the event id is stable across redeliveries).
 */
public interface MemberEventConsumer {
    void onMemberChanged(MemberChanged event);

    default void onMembersImported(MembersImported event) {
    }
}
