package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.Keyset;
import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.instant;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/** The membership history of dynamic groups, from {@code group_membership_events}, newest first. */
@ApplicationScoped
public class MembershipHistoryAdapter implements MembershipHistory {
    private static final String LIST = "membership-events";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    MembershipHistoryAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public Page<Event> events(GroupId groupId, OrgId orgId, UserId userId, Cause cause, UUID evaluationId,
                              PageRequest page) {
        scope.enter(orgId);
        // A cursor continues only this group's history with these filters.
        String list = String.join("\u0000", LIST, groupId.toString(), String.valueOf(userId), String.valueOf(cause),
                String.valueOf(evaluationId));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        SqlQuery sql = new SqlQuery("select e.id, e.group_id, e.user_id, e.change, e.cause, e.occurred_at, e.evaluation_id"
                + " from group_membership_events e where e.group_id = :group and e.org_id = :org")
                .bind("group", groupId.value()).bind("org", orgId.value());
        if (userId != null) {
            sql.append(" and e.user_id = :user", "user", userId.value());
        }
        if (cause != null) {
            sql.append(" and e.cause = :cause", "cause", lower(cause));
        }
        if (evaluationId != null) {
            sql.append(" and e.evaluation_id = :evaluation", "evaluation", evaluationId);
        }
        if (cursor != null) {
            Keyset.after(sql, "e.occurred_at", "e.id", true, occurredAt(cursor), idOf(cursor), null);
        }
        sql.append(" order by e.occurred_at desc, e.id desc limit :limit", "limit", Pages.fetchSize(page));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.plain(em).getResultList();
        return Pages.of(rows, page, MembershipHistoryAdapter::event,
                row -> KeysetCursor.encode(list, instant(row[5]).toString(), String.valueOf(row[0])));
    }

    private static Event event(Object[] row) {
        return new Event(((Number) row[0]).longValue(), new GroupId((UUID) row[1]), new UserId((String) row[2]),
                enumOf(Change.class, (String) row[3]), enumOf(Cause.class, (String) row[4]), instant(row[5]), (UUID) row[6]);
    }

    private static Instant occurredAt(KeysetCursor cursor) {
        try {
            return Instant.parse(cursor.sortKey());
        } catch (DateTimeParseException | NullPointerException e) {
            throw KeysetCursor.invalid();
        }
    }

    private static long idOf(KeysetCursor cursor) {
        try {
            return Long.parseLong(cursor.id());
        } catch (NumberFormatException e) {
            throw KeysetCursor.invalid();
        }
    }
}
