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

    /** An RFC 3339 time with an offset (or {@code Z}), as an instant. */
    public static Optional<Instant> parseTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
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
