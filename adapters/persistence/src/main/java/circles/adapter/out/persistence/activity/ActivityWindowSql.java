package circles.adapter.out.persistence.activity;

import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows {@code (user_id, type, quantity)} of a window {@code occurredAt > after}, exactly as windows count:
 * whole UTC days after the day of {@code after} come from the daily rollups, and that first, partial day from the
 * raw events that occurred after {@code after}. Exact as long as the raw events of that day are still kept
 * (windows no longer than circles.activity.raw-retention-days); past that, the partial first day is left out.
 * Shared by the activity reader and the SQL rule path, so both count the same.
 */
public final class ActivityWindowSql {
    private ActivityWindowSql() {
    }

    /**
     * A subquery with columns {@code user_id, type, quantity}; its parameters are appended to {@code parameters}.
     *
     * @param member only this member's rows, or every member's when null
     */
    public static String rows(OrgId orgId, Instant after, Collection<ActivityType> types, UserId member,
                       List<Object> parameters) {
        LocalDate firstDay = after.atZone(ZoneOffset.UTC).toLocalDate();
        Instant firstDayEnd = firstDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String typeList = types.stream().map(type -> "'" + type.wireName() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
        String onlyMember = member == null ? "" : " and user_id = ?";
        parameters.add(orgId.value());
        parameters.add(firstDay);
        if (member != null) {
            parameters.add(member.value());
        }
        parameters.add(orgId.value());
        parameters.add(after);
        parameters.add(firstDayEnd);
        if (member != null) {
            parameters.add(member.value());
        }
        return "(select user_id, type, quantity from activity_daily where org_id = ? and day > ? and type in "
                + typeList + onlyMember
                + " union all select user_id, type, quantity::bigint from activity_events where org_id = ?"
                + " and occurred_at > ? and occurred_at < ? and type in " + typeList + onlyMember + ")";
    }
}
