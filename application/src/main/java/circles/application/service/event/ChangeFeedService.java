package circles.application.service.event;

import circles.application.port.in.feed.AuthorizeChangeFeedReadUseCase;
import circles.application.port.in.feed.PurgePublicEventsUseCase;
import circles.application.port.in.feed.ReadChangeFeedUseCase;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventType;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.domain.actor.Actor;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The change feed: who may read it, its pages and its retention. Rights are checked before anything of the request
 * is interpreted, so a cursor or filter tells nothing about an org the caller may not read.
 */
public final class ChangeFeedService implements ReadChangeFeedUseCase, AuthorizeChangeFeedReadUseCase,
        PurgePublicEventsUseCase {
    /** The problem code of a cursor older than the retention, whose events may be gone. */
    public static final String CURSOR_EXPIRED = "cursor-expired";

    /** How long events are kept, and how many the retention job deletes per transaction. */
    public record Retention(Duration keep, int slice) {
        public Retention {
            Objects.requireNonNull(keep, "keep");
            if (keep.isNegative() || keep.isZero() || slice < 1) {
                throw new IllegalArgumentException("retention and slice must be positive");
            }
        }
    }

    private final UnitOfWork tx;
    private final Access access;
    private final PublicEventLog log;
    private final Clock clock;
    private final Retention retention;

    public ChangeFeedService(UnitOfWork tx, Access access, PublicEventLog log, Clock clock, Retention retention) {
        this.tx = tx;
        this.access = access;
        this.log = log;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Org admins and it_admins read the feed: the org is missing for whoever cannot see it, and members who can
     * are refused. An org API token reaches this only when it holds {@code events:read} (checked by the REST
     * adapter before the request is read) and is judged by its issuer's current org role, so a token whose issuer
     * is no longer an admin or it_admin reads nothing.
     */
    @Override
    public void requireReader(Actor actor, OrgId orgId) {
        access.requireOrgAdmin(orgId);
    }

    @Override
    public Page read(Query query) {
        return tx.inTransaction(() -> {
            requireReader(access.actor(), query.orgId());
            PageRequest limit = PageRequest.first(query.limit());
            Set<PublicEventType> types = types(query.types());
            PublicEventLog.FeedPosition after = after(query.orgId(), query.after());
            PublicEventLog.Feed feed = log.read(query.orgId(), after, types, limit.limit());
            return new Page(feed.events().stream().map(PublicEventLog.FeedEvent::event).toList(),
                    log.cursor(query.orgId(), feed.next()), feed.more());
        });
    }

    @Override
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention.keep());
        int total = 0;
        int purged;
        do {
            purged = tx.inTransaction(() -> log.purgeOlderThan(cutoff, retention.slice()));
            total += purged;
        } while (purged == retention.slice());
        return total;
    }

    private PublicEventLog.FeedPosition after(OrgId orgId, String after) {
        if (after == null) {
            return null;
        }
        if (ReadChangeFeedUseCase.NOW.equals(after)) {
            return log.now(orgId);
        }
        if (after.isBlank() || after.length() > 512) {
            throw new InvalidInput("invalid-cursor", "after", "is not a cursor this service issued for this feed");
        }
        PublicEventLog.FeedPosition position = log.position(orgId, after);
        if (position.at().isBefore(clock.instant().minus(retention.keep()))) {
            throw new InvalidInput(CURSOR_EXPIRED, "after", "is older than the feed keeps its events ("
                    + retention.keep().toDays() + " days); start again from the oldest event or from now");
        }
        return position;
    }

    /** The types of a comma-separated list; empty for every type. Unknown names are refused. */
    static Set<PublicEventType> types(String list) {
        Set<PublicEventType> types = EnumSet.noneOf(PublicEventType.class);
        if (list == null) {
            return types;
        }
        for (String name : list.split(",", -1)) {
            String trimmed = name.strip();
            types.add(PublicEventType.ofWireName(trimmed).orElseThrow(() -> new InvalidInput("types",
                    "'" + (trimmed.length() > 60 ? trimmed.substring(0, 60) + "..." : trimmed)
                            + "' is not an event type")));
        }
        return types;
    }
}
