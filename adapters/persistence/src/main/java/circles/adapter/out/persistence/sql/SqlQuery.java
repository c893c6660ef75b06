package circles.adapter.out.persistence.sql;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The statement for JDBC: each {@code :name} replaced by {@code ?}, and the values in that order. */
    public Positional positional() {
        Matcher names = NAMED.matcher(sql);
        StringBuilder text = new StringBuilder();
        List<Object> values = new ArrayList<>();
        while (names.find()) {
            String name = names.group(1);
            if (!parameters.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name);
            }
            values.add(parameters.get(name));
            names.appendReplacement(text, "?");
        }
        names.appendTail(text);
        return new Positional(text.toString(), values.toArray());
    }

    /** A statement with {@code ?} placeholders and their values. */
    public record Positional(String sql, Object[] values) {
    }

    /** A named parameter; {@code ::} (a cast) is none. */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public String toString() {
        return sql.toString();
    }
}
