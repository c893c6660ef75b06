package circles.extension.visitedunit;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UnitVisits} over this module's table {@code unit_visits} (one row per org, unit and user with the latest
 * visit; created by {@link UnitVisitsSchema}), in Circles' own database.
 * <p>
 * Reads run on the connection of the host's transaction (the data source hands out the connection enlisted in the
 * current transaction), so they see the org the host entered: the table has row-level security with the host's
 * policy shape, and each query also names its org. {@link #record} is for whatever feeds visits (the learning
 * platform's event consumer, an import, tests); it runs in a transaction of its own.
 */
@Singleton
public class JdbcUnitVisits implements UnitVisits {
    /** The transaction-local setting Circles' row-level security policies read (docs/adr/0003). */
    private static final String ORG_SETTING = "circles.org_id";

    private final DataSource dataSource;

    @Inject
    public JdbcUnitVisits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Instant> lastVisit(OrgId orgId, UserId userId, String unitId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select last_visited_at from unit_visits"
                     + " where org_id = ? and unit_id = ? and user_id = ?")) {
            query.setObject(1, orgId.value());
            query.setString(2, unitId);
            query.setString(3, userId.value());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the visits of unit " + unitId + " in org " + orgId, e);
        }
    }

    /**
     * Records that {@code userId} visited {@code unitId} at {@code visitedAt}; an earlier visit than the one known
     * changes nothing. Opens and commits its own transaction, so call it outside one.
     */
    public void record(OrgId orgId, UserId userId, String unitId, Instant visitedAt) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(visitedAt, "visitedAt");
        String unit = Objects.requireNonNull(unitId, "unitId").strip();
        if (unit.isEmpty() || unit.length() > VisitedUnitCriterionType.MAX_UNIT_ID) {
            throw new IllegalArgumentException("a unit id has 1 to " + VisitedUnitCriterionType.MAX_UNIT_ID
                    + " characters");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement enter = connection.prepareStatement("select set_config(?, ?, true)")) {
                    enter.setString(1, ORG_SETTING);
                    enter.setString(2, orgId.toString());
                    enter.execute();
                }
                try (PreparedStatement upsert = connection.prepareStatement("insert into unit_visits"
                        + " (org_id, unit_id, user_id, last_visited_at) values (?, ?, ?, ?)"
                        + " on conflict (org_id, unit_id, user_id) do update"
                        + " set last_visited_at = greatest(unit_visits.last_visited_at, excluded.last_visited_at)")) {
                    upsert.setObject(1, orgId.value());
                    upsert.setString(2, unit);
                    upsert.setString(3, userId.value());
                    upsert.setObject(4, visitedAt.atOffset(ZoneOffset.UTC));
                    upsert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a visit of unit " + unit + " in org " + orgId, e);
        }
    }
}
