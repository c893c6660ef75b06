package circles.application.service.group;

import circles.application.port.out.event.PublicEventType;
import circles.application.service.event.PublicEvents;
import circles.application.port.in.group.ExpireGroupsUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.audit.Audit;
import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.Membership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Archives expired groups and ends memberships whose validity is over, in batches. Each batch is claimed in
 * the database, so instances running at the same time never do the same work twice.
 */
public final class ExpiryService implements ExpireGroupsUseCase {
    private static final int BATCH = 200;

    private final UnitOfWork tx;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final Audit audit;
    private final Clock clock;
    private final PublicEvents events;

    public ExpiryService(UnitOfWork tx, GroupRepository groups, MembershipRepository memberships, AuditLog auditLog,
                         Clock clock) {
        this(tx, groups, memberships, auditLog, clock, PublicEvents.discarding(clock));
    }

    /** With {@code events}, an archived group and an ended membership are public events too. */
    public ExpiryService(UnitOfWork tx, GroupRepository groups, MembershipRepository memberships, AuditLog auditLog,
                         Clock clock, PublicEvents events) {
        this.events = events;
        this.tx = tx;
        this.groups = groups;
        this.memberships = memberships;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public Report expire() {
        int archived = 0;
        int batch;
        do {
            batch = tx.inTransaction(this::archiveBatch);
            archived += batch;
        } while (batch == BATCH);
        int ended = 0;
        do {
            batch = tx.inTransaction(this::endBatch);
            ended += batch;
        } while (batch == BATCH);
        return new Report(archived, ended);
    }

    private int archiveBatch() {
        Instant now = clock.instant();
        List<Group> expired = groups.claimExpired(now, BATCH);
        for (Group group : expired) {
            group.archive(now);
            Group saved = groups.save(group);
            events.group(PublicEventType.GROUP_ARCHIVED, saved);
            audit.record(Actor.SYSTEM, group.orgIdOrNull(), "group.expired", "group", group.id(),
                    Map.of("expiresAt", group.expiresAt().toString()));
        }
        return expired.size();
    }

    private int endBatch() {
        Instant now = clock.instant();
        List<Membership> ended = memberships.removeEnded(now, BATCH);
        for (Membership membership : ended) {
            events.directMember(PublicEventType.GROUP_MEMBER_REMOVED, membership.orgId(), membership.groupId(),
                    membership.userId(), membership.role(), membership.status());
            audit.record(Actor.SYSTEM, membership.orgId(), "group_member.expired", "group_member",
                    membership.userId(), Map.of("groupId", membership.groupId().toString(),
                            "validUntil", membership.validUntil().toString()));
        }
        return ended.size();
    }
}
