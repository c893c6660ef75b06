package circles.adapter.out.persistence.sql;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plain JDBC on the transaction's connection, for the set-based statements that return what they changed
 * ({@code ... returning}) and for {@code COPY}. Instants are bound as UTC timestamps; a null parameter needs a cast
 * in the SQL ({@code cast(? as text)}) to have a type. Database failures leave as domain exceptions where they mean
 * something to the caller.
 */
public final class JdbcWork {
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private JdbcWork() {
    }

    public static <T> T call(EntityManager em, Work<T> work) {
        em.flush();
        try {
            return em.unwrap(Session.class).doReturningWork(work::run);
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** The rows of a query (or of a statement with {@code returning}), each as its column values. */
    public static List<Object[]> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /**
     * The rows of the query of a statement list ({@code a; b; c}, sent in one round trip): the result after the
     * {@code leading} ones.
     */
    public static List<Object[]> rows(Connection connection, TenantScopeAdapter.CrossOrgQuery query,
                                      Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            bind(statement, parameters);
            statement.execute();
            for (int skipped = 0; skipped < query.leading(); skipped++) {
                statement.getMoreResults();
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.getResultSet()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first column of every row, as text. */
    public static List<String> texts(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        }
    }

    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof UUID[] uuids) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("uuid", uuids));
            } else {
                statement.setObject(i + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
            }
        }
    }

    public static Instant instant(Object column) {
        return column instanceof OffsetDateTime offset ? offset.toInstant() : ColumnValues.instant(column);
    }
}
