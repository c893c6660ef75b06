package circles.application.port.out.group;

import circles.application.port.out.event.PublicEventLog;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;

import java.util.Objects;

/**
 * Writes new static org groups, each with its audit event and its public event. The use case has decided that the
 * creation is valid (rights, name, slug, parent) and only hands over what to write; {@link #commit} returns once
 * the writes are durable, and throws the domain exception the database's constraints mean when they are not (a name
 * or slug taken by a concurrent create: {@code Conflict}; a parent deleted meanwhile: {@code RuleViolation}).
 * <p>
 * Inside a transaction the caller began (an idempotent create), the writes join it. Otherwise the adapter may
 * commit concurrent creates of one org together, in one transaction: each caller is answered only after that
 * commit, and a batch that fails is retried one creation at a time, so each caller gets the answer it would have
 * got alone and no creation is ever half written.
 */
public interface GroupCreations {

    /** {@code group} as it will be stored: its first version (what its answer and its public event show). */
    Group asStored(Group group);

    /** Writes {@code creation} durably, or throws and writes nothing of it. */
    void commit(Creation creation);

    /**
     * A new org group ({@link #asStored stored form}), its audit event and its public event (org groups always
     * have one).
     */
    record Creation(Group group, AuditEvent audit, PublicEventLog.PublicEvent event) {
        public Creation {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(event, "event");
            if (group.orgIdOrNull() == null || !group.orgIdOrNull().equals(event.orgId())) {
                throw new IllegalArgumentException("a batched creation is one of an org group, with its org's event");
            }
        }
    }
}
