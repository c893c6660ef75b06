package circles.application.port.out;

import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;

/**
 * Publishes directory changes durably: the event is stored in the current transaction (an outbox) and
 * delivered to its consumers after commit, and again after a crash until a consumer has handled it.
 */
public interface MemberEvents {
    void memberChanged(MemberChanged event);

    void membersImported(MembersImported event);
}
