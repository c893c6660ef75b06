package circles.adapter.out.persistence.activity;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.activity.ActivityReader;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The activity criteria's data from the rollups, the raw events of a window's first day and member_activity. */
@ApplicationScoped
public class ActivityReaderAdapter implements ActivityReader {
    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    ActivityReaderAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> JdbcWork.rows(connection, "select last_active_at from member_activity"
                        + " where org_id = ? and user_id = ?", orgId.value(), userId.value()).stream()
                .map(row -> JdbcWork.instant(row[0])).findFirst());
    }

    @Override
    public Map<UserId, Instant> lastActivities(OrgId orgId) {
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            Map<UserId, Instant> last = new HashMap<>();
            for (Object[] row : JdbcWork.rows(connection, "select user_id, last_active_at from member_activity"
                    + " where org_id = ?", orgId.value())) {
                last.put(new UserId((String) row[0]), JdbcWork.instant(row[1]));
            }
            return last;
        });
    }

    @Override
    public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
        return totals(orgId, types, after, userId).getOrDefault(userId, Map.of());
    }

    @Override
    public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
        return totals(orgId, types, after, null);
    }

    private Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after,
                                                        UserId member) {
        if (types.isEmpty()) {
            return Map.of();
        }
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            List<Object> parameters = new ArrayList<>();
            String window = ActivityWindowSql.rows(orgId, after, types, member, parameters);
            Map<UserId, Map<ActivityType, Long>> totals = new HashMap<>();
            for (Object[] row : JdbcWork.rows(connection, "select w.user_id, w.type, sum(w.quantity) from " + window
                    + " w group by w.user_id, w.type", parameters.toArray())) {
                totals.computeIfAbsent(new UserId((String) row[0]), id -> new EnumMap<>(ActivityType.class))
                        .put(type(row[1]), ((Number) row[2]).longValue());
            }
            return totals;
        });
    }

    @Override
    public Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after) {
        if (types.isEmpty()) {
            return Map.of();
        }
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> maxima(connection, orgId, types, after));
    }

    /** Per type, the largest window sum over the org's active members (also used by the SQL rule path). */
    public static Map<ActivityType, Long> maxima(Connection connection, OrgId orgId, Set<ActivityType> types, Instant after)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String window = ActivityWindowSql.rows(orgId, after, types, null, parameters);
        parameters.add(orgId.value());
        Map<ActivityType, Long> maxima = new EnumMap<>(ActivityType.class);
        for (Object[] row : JdbcWork.rows(connection, "select s.type, max(s.total) from (select w.user_id, w.type,"
                + " sum(w.quantity) as total from " + window + " w group by w.user_id, w.type) s"
                + " join org_members m on m.org_id = ? and m.user_id = s.user_id and m.status = 'active'"
                + " group by s.type", parameters.toArray())) {
            maxima.put(type(row[0]), ((Number) row[1]).longValue());
        }
        return maxima;
    }

    private static ActivityType type(Object column) {
        return ActivityType.ofWireName((String) column).orElseThrow(() ->
                new IllegalStateException("unknown activity type in the database: " + column));
    }
}
