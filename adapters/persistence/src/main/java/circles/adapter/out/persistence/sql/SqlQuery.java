package circles.adapter.out.persistence.sql;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.LinkedHashMap;
import java.util.Map;

/** A native SQL statement assembled from optional parts, with its named parameters. */
public final class SqlQuery {
    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    public SqlQuery(String start) {
        sql.append(start);
    }

    public SqlQuery append(String part) {
        sql.append(part);
        return this;
    }

    public SqlQuery bind(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public SqlQuery append(String part, String name, Object value) {
        return append(part).bind(name, value);
    }

    /** The same statement behind {@code prefix} (such as {@code explain}), with the same parameters. */
    public SqlQuery prefixed(String prefix) {
        SqlQuery copy = new SqlQuery(prefix + sql);
        copy.parameters.putAll(parameters);
        return copy;
    }

    /** A query whose rows are entities of {@code type}. */
    public Query entities(EntityManager em, Class<?> type) {
        return bindAll(em.createNativeQuery(sql.toString(), type));
    }

    /** A query whose rows follow the named {@code @SqlResultSetMapping}. */
    public Query mapped(EntityManager em, String resultSetMapping) {
        return bindAll(em.createNativeQuery(sql.toString(), resultSetMapping));
    }

    public Query plain(EntityManager em) {
        return bindAll(em.createNativeQuery(sql.toString()));
    }

    private Query bindAll(Query query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
