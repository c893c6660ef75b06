package circles.adapter.out.persistence.idempotency;

import circles.adapter.out.persistence.sql.AdvisoryLocks;
import circles.adapter.out.persistence.sql.ColumnValues;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.idempotency.IdempotencyStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static circles.adapter.out.persistence.sql.ColumnValues.micros;

/**
 * Answers kept per caller, route and key (not org data). Each call joins the current transaction (the one that also
 * runs the create), or runs in its own when there is none.
 */
@ApplicationScoped
public class IdempotencyStoreAdapter implements IdempotencyStore {
    /** How long an answer is kept: a key older than this may be used again for a new request. */
    static final Duration RETENTION = Duration.ofHours(24);

    private final IdempotencyKeyPanacheRepository rows;

    @Inject
    IdempotencyStoreAdapter(IdempotencyKeyPanacheRepository rows) {
        this.rows = rows;
    }

    /**
     * A transaction-scoped advisory lock on the scoped key: a second call with the key waits in the database until
     * the first one's transaction ends, and then finds its answer. Should the first one's connection die, the
     * database ends its transaction, and the lock with it.
     */
    @Override
    public void lock(Key key) {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("an idempotency key is locked for a transaction, and none is active");
        }
        try {
            // The lock is a 64-bit hash of the name: should two scoped keys share one, one call merely waits.
            AdvisoryLocks.lock(rows.getEntityManager(),
                    "circles.idempotency:" + key.caller() + "\n" + key.route() + "\n" + key.key());
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    @Override
    public Optional<Answer> find(Key key, Instant notBefore) {
        return QuarkusTransaction.joiningExisting().call(() -> Optional
                .ofNullable(rows.findById(new IdempotencyKeyJpaEntity.Key(key.caller(), key.route(), key.key())))
                .filter(row -> notBefore == null || !row.storedAt.isBefore(notBefore))
                .map(IdempotencyStoreAdapter::answer));
    }

    @Override
    public Answer putIfAbsent(Key key, Answer answer) {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                // A concurrent first call waits on the other's row and then keeps it; an expired answer is replaced.
                new SqlQuery("insert into idempotency_keys (caller, route, key, request_hash, status, location, body,"
                        + " stored_at) values (:caller, :route, :key, :hash, :status, cast(:location as text),"
                        + " cast(:body as text), :stored_at) on conflict (caller, route, key) do update set"
                        + " request_hash = excluded.request_hash, status = excluded.status,"
                        + " location = excluded.location, body = excluded.body, stored_at = excluded.stored_at"
                        + " where idempotency_keys.stored_at < :expired_before")
                        .bind("caller", key.caller()).bind("route", key.route()).bind("key", key.key())
                        .bind("hash", answer.requestHash()).bind("status", answer.status())
                        .bind("location", answer.location()).bind("body", answer.body())
                        .bind("stored_at", micros(answer.storedAt()))
                        .bind("expired_before", answer.storedAt().minus(RETENTION))
                        .plain(rows.getEntityManager()).executeUpdate();
                // Read the row itself: an entity read earlier in this transaction may predate the insert.
                Object[] kept = (Object[]) new SqlQuery("select request_hash, status, location, body, stored_at"
                        + " from idempotency_keys where caller = :caller and route = :route and key = :key")
                        .bind("caller", key.caller()).bind("route", key.route()).bind("key", key.key())
                        .plain(rows.getEntityManager()).getSingleResult();
                return new Answer((String) kept[0], ((Number) kept[1]).intValue(), (String) kept[2],
                        (String) kept[3], ColumnValues.instant(kept[4]));
            });
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private static Answer answer(IdempotencyKeyJpaEntity row) {
        return new Answer(row.requestHash, row.status, row.location, row.body, row.storedAt);
    }
}
