package circles.application.service.activity;

import circles.application.port.in.activity.IngestActivityUseCase;
import circles.application.port.in.activity.PurgeActivityUseCase;
import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.org.OrgRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.access.OrgAccess;
import circles.domain.activity.ActivityEventDraft;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.directory.ActivityRecorded;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activity ingestion and retention. A batch is checked event by event in memory (fields, types, times, quantities),
 * repeats of an eventId inside the batch are set aside as duplicates, and the rest goes to the store in one
 * set-based write that finds unknown members and eventIds stored before. One audit event records the counts, and one
 * {@link ActivityRecorded} event in the outbox names the members whose activity changed, so that recency-based
 * dynamic groups re-check them right after the commit (recency criteria are absolute).
 */
public final class ActivityService implements IngestActivityUseCase, PurgeActivityUseCase {

    /** How long raw events and daily rollups are kept. */
    public record Retention(int rawDays, int rollupDays) {
        public Retention {
            if (rawDays < 1 || rollupDays < rawDays) {
                throw new IllegalArgumentException("raw events must be kept at least a day and rollups at least as"
                        + " long as raw events (raw " + rawDays + " days, rollups " + rollupDays + " days)");
            }
        }
    }

    private final UnitOfWork tx;
    private final Access access;
    private final OrgRepository orgs;
    private final ActivityStore store;
    private final Retention retention;
    private final Audit audit;
    private final Clock clock;
    private final DirectoryEvents directoryEvents;

    public ActivityService(UnitOfWork tx, Access access, OrgRepository orgs, ActivityStore store, Retention retention,
                           AuditLog auditLog, Clock clock, DirectoryEvents directoryEvents) {
        this.tx = tx;
        this.access = access;
        this.orgs = orgs;
        this.store = store;
        this.retention = retention;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
        this.directoryEvents = directoryEvents;
    }

    @Override
    public Result ingest(Command command) {
        return tx.inTransaction(() -> {
            OrgId orgId = command.orgId();
            checkIngestRight(orgId);
            Instant now = clock.instant();
            Instant oldest = now.minus(Duration.ofDays(retention.rawDays()));
            List<Rejection> rejected = new ArrayList<>();
            List<ActivityStore.Numbered> valid = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int duplicates = 0;
            List<ActivityEventDraft> events = command.events();
            for (int index = 0; index < events.size(); index++) {
                ActivityEventDraft draft = events.get(index);
                ActivityEventDraft.Checked checked = draft.check(now, oldest);
                if (!checked.valid()) {
                    rejected.add(new Rejection(index, draft.eventId(), checked.errors()));
                } else if (!seen.add(checked.event().eventId())) {
                    duplicates++;
                } else {
                    valid.add(new ActivityStore.Numbered(index, checked.event()));
                }
            }
            ActivityStore.Written written = valid.isEmpty()
                    ? new ActivityStore.Written(0, 0, List.of(), Set.of()) : store.write(orgId, valid);
            for (int index : written.unknownMembers()) {
                rejected.add(new Rejection(index, events.get(index).eventId(), List.of(
                        new FieldError("userId", "is not a member of org " + orgId))));
            }
            rejected.sort(Comparator.comparingInt(Rejection::index));
            duplicates += written.duplicates();
            audit.record(access.actor(), orgId, "activity.ingested", "org", orgId, Map.of(
                    "received", events.size(), "accepted", written.accepted(), "duplicates", duplicates,
                    "rejected", rejected.size()));
            if (!written.touched().isEmpty()) {
                List<UserId> touched = written.touched().stream()
                        .sorted(Comparator.comparing(UserId::value)).toList();
                directoryEvents.publish(ActivityRecorded.of(orgId, touched, now));
            }
            return new Result(written.accepted(), duplicates, rejected, written.touched());
        });
    }

    @Override
    public void requireIngestRight(OrgId orgId) {
        tx.inTransaction(() -> {
            checkIngestRight(orgId);
            return null;
        });
    }

    /**
     * Org admins and it_admins of the org, platform admins, and callers with the {@code activity-ingest} role
     * (service accounts of the systems that produce activity, for any org). Others who see the org get 403, those
     * who do not 404.
     */
    private void checkIngestRight(OrgId orgId) {
        OrgAccess org = access.org(orgId);
        Actor actor = access.actor();
        boolean ingests = actor.roles().contains(Actor.ACTIVITY_INGEST) && !actor.isDelegated();
        if (!org.isMember() && !ingests) {
            throw new NotFound("org", orgId);
        }
        if (orgs.findById(orgId).isEmpty()) {
            throw new NotFound("org", orgId);
        }
        if (!org.administers() && !ingests) {
            throw new NotAllowed("only admins of org " + orgId + " and activity sources may send activity events");
        }
    }

    @Override
    public Report purge() {
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            long events = store.deleteEventsUpTo(now.minus(Duration.ofDays(retention.rawDays())));
            long rollups = store.deleteRollupsBefore(now.atZone(ZoneOffset.UTC).toLocalDate()
                    .minusDays(retention.rollupDays()));
            return new Report(events, rollups);
        });
    }
}
