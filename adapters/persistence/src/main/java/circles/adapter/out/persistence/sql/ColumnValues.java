package circles.adapter.out.persistence.sql;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How domain values are spelled in columns: enums lower-case, instants at PostgreSQL's microsecond precision. */
public final class ColumnValues {
    private ColumnValues() {
    }

    public static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }

    /** A timestamp column read by a native query without a declared type. */
    public static Instant instant(Object column) {
        return switch (column) {
            case null -> null;
            case Instant instant -> instant;
            case java.time.OffsetDateTime offset -> offset.toInstant();
            case java.time.ZonedDateTime zoned -> zoned.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + column.getClass().getName());
        };
    }

    /** The instant as PostgreSQL keeps it, so that a saved aggregate equals the one read back. */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
