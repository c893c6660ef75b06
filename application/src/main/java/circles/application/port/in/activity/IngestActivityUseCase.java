package circles.application.port.in.activity;

import circles.domain.activity.ActivityEventDraft;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.util.List;
import java.util.Set;

/**
 * Takes a batch of activity events for one org: each event is checked on its own, a bad one is reported
 * without refusing the others, and a repeated {@code eventId} is ignored and counted as a duplicate.
 */
public interface IngestActivityUseCase {
    /** The most events one call takes. */
    int MAX_EVENTS = 10_000;

    Result ingest(Command command);

    /**
     * Nothing when the caller may send activity events for the org; otherwise the refusal {@link #ingest} would
     * give (404 for a caller who may not know the org, 403 for a member without the right). Asked before the body
     * of an ingestion request is read.
     */
    void requireIngestRight(OrgId orgId);

    record Command(OrgId orgId, List<ActivityEventDraft> events) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(events, "events");
            if (events.size() > MAX_EVENTS) {
                throw new RuleViolation("too-many-events", "a call takes at most " + MAX_EVENTS + " events ("
                        + events.size() + " sent); send them in batches",
                        List.of(new FieldError("body", "must hold at most " + MAX_EVENTS + " events")));
            }
            events = List.copyOf(events);
        }
    }

    /** One refused event: its position in the batch, its eventId as sent (may be null) and every problem. */
    record Rejection(int index, String eventId, List<FieldError> errors) {
        public Rejection {
            errors = List.copyOf(errors);
        }
    }

    /**
     * What became of the batch. {@code touched} are the members whose activity changed (an accepted event):
     * the members whose recency-based groups need a re-check.
     */
    record Result(int accepted, int duplicates, List<Rejection> rejected, Set<UserId> touched) {
        public Result {
            rejected = List.copyOf(rejected);
            touched = Set.copyOf(touched);
        }
    }
}
