package circles.adapter.out.persistence.membership;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.membership.AnswerStamps;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

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
 * V28). Checking a kept answer is one statement on a connection of its own, outside any transaction, so that it costs
 * neither a transaction nor the settings of the row-level security scope. A stamp taken inside the transaction that
 * then reads the answer is that transaction's first statement, sent in one round trip with the setting that enters
 * the org, so a miss costs no connection and no round trip more than the read.
 */
@ApplicationScoped
public class AnswerStampsAdapter implements AnswerStamps {
    private static final String STAMP = "select orgs, standalone, from_tx, seen, next_change"
            + " from circles_answer_stamp(?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final TransactionSynchronizationRegistry transaction;

    @Inject
    public AnswerStampsAdapter(DataSource dataSource, EntityManager em, TenantScopeAdapter scope,
                               TransactionSynchronizationRegistry transaction) {
        this.dataSource = dataSource;
        this.em = em;
        this.scope = scope;
        this.transaction = transaction;
    }

    /** Inside the caller's transaction when one is active (on its connection), else on a connection of its own. */
    @Override
    public Stamp take(UserId userId, OrgId orgId, Instant now) {
        if (transaction.getTransactionStatus() == Status.STATUS_ACTIVE) {
            TenantScopeAdapter.CrossOrgQuery query = orgId == null
                    ? new TenantScopeAdapter.CrossOrgQuery(STAMP, 0) : scope.inOrg(orgId, STAMP);
            return JdbcWork.call(em, connection -> read(connection, query, userId, orgId, null, now));
        }
        return read(userId, orgId, null, now);
    }

    @Override
    public boolean unchanged(UserId userId, OrgId orgId, Stamp stamp) {
        Stamp current = read(userId, orgId, stamp, null);
        return current.keepable() && current.seen() == stamp.seen();
    }

    private Stamp read(UserId userId, OrgId orgId, Stamp since, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, new TenantScopeAdapter.CrossOrgQuery(STAMP, 0), userId, orgId, since, now);
        } catch (SQLException failure) {
            throw PersistenceFailures.translate(new IllegalStateException(failure));
        }
    }

    /** The stamp, from the result of {@code query} after its {@code leading} ones. */
    private static Stamp read(Connection connection, TenantScopeAdapter.CrossOrgQuery query, UserId userId,
                              OrgId orgId, Stamp since, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
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
            statement.execute();
            for (int skipped = 0; skipped < query.leading(); skipped++) {
                statement.getMoreResults();
            }
            try (ResultSet result = statement.getResultSet()) {
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
        }
    }
}
