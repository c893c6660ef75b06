package circles.adapter.in.rest.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** How values look on the wire: enums in lower case ({@code it_admin}), times in RFC 3339 UTC. */
public final class Wire {
    private Wire() {
    }

    public static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Times are written to the microsecond, the precision they are stored with, so that a resource reads the same
     * in the answer that created it and in every later one.
     */
    public static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Percent-encodes one path segment (user ids may hold any printable character). */
    public static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The constant whose wire name is {@code text}, if any (wire names are exact: {@code Admin} is not one). */
    public static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (name(constant).equals(text)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Wire::name).collect(Collectors.joining(", "));
    }

    /** The earliest time the service takes: the first instant of the year 0001 (UTC). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest time the service takes: the last instant of the year 9999 (UTC). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** How a time parameter or body member is described when it cannot be taken. */
    public static final String TIME_EXPECTED = "must be an RFC 3339 date-time in the years 0001 to 9999, such as "
            + "2026-01-31T12:00:00Z";

    /**
     * An RFC 3339 time with an offset (or {@code Z}), as an instant; empty when malformed or outside the years
     * 0001 to 9999 (UTC). The bound keeps every time the service is given inside what the database stores and what
     * time arithmetic in milliseconds can hold, so that a year such as 999999 is the caller's 400 rather than a
     * failure deep inside.
     */
    public static Optional<Instant> parseTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    public static Optional<UUID> parseUuid(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
