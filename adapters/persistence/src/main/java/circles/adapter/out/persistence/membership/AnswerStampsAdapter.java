package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.application.port.out.membership.AnswerStamps;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the public event log's position for a user's list of groups with {@code circles_answer_stamp} (migration
 * V28): one statement on a connection of its own, outside any transaction, so that checking a kept answer costs
 * neither a transaction nor the settings of the row-level security scope.
 */
@ApplicationScoped
public class AnswerStampsAdapter implements AnswerStamps {
    private static final String STAMP = "select orgs, standalone, from_tx, seen, next_change"
            + " from circles_answer_stamp(?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    @Inject
    public AnswerStampsAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Stamp take(UserId userId, OrgId orgId, Instant now) {
        return read(userId, orgId, null, now);
    }

    @Override
    public boolean unchanged(UserId userId, OrgId orgId, Stamp stamp) {
        Stamp current = read(userId, orgId, stamp, null);
        return current.keepable() && current.seen() == stamp.seen();
    }

    private Stamp read(UserId userId, OrgId orgId, Stamp since, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(STAMP)) {
            statement.setString(1, userId.value());
            statement.setObject(2, orgId == null ? null : orgId.value(), Types.OTHER);
            statement.setArray(3, since == null ? null : connection.createArrayOf("uuid",
                    since.orgs().stream().map(OrgId::value).toArray()));
            statement.setString(4, since == null ? null : since.from());
            if (now == null) {
                statement.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                List<OrgId> orgs = new ArrayList<>();
                Array array = result.getArray(1);
                if (array != null) {
                    for (Object org : (Object[]) array.getArray()) {
                        orgs.add(new OrgId((UUID) org));
                    }
                }
                boolean standalone = result.getBoolean(2);
                Timestamp next = result.getTimestamp(5);
                return new Stamp(orgs, result.getString(3), result.getLong(4),
                        next == null ? null : next.toInstant(), !standalone);
            }
        } catch (SQLException failure) {
            throw PersistenceFailures.translate(new IllegalStateException(failure));
        }
    }
}
