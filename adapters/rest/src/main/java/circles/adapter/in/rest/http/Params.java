package circles.adapter.in.rest.http;

import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.DomainException;
import circles.domain.shared.InvalidInput;

import java.time.Instant;
import java.util.UUID;

/**
 * Path and query parameters arrive as text and are parsed here, so that a malformed one is a 400 naming the
 * parameter (instead of the 404 the framework would give for a path parameter it cannot convert).
 */
public final class Params {
    private Params() {
    }

    public static OrgId orgId(String raw) {
        return new OrgId(uuid("orgId", raw));
    }

    public static GroupId groupId(String raw) {
        return new GroupId(uuid("groupId", raw));
    }

    public static GroupId optionalGroupId(String name, String raw) {
        return raw == null ? null : new GroupId(uuid(name, raw));
    }

    public static OrgId optionalOrgId(String name, String raw) {
        return raw == null ? null : new OrgId(uuid(name, raw));
    }

    public static UUID uuid(String name, String raw) {
        return Wire.parseUuid(raw).orElseThrow(() -> new InvalidInput(name, "must be a UUID"));
    }

    public static UserId userId(String raw) {
        try {
            return new UserId(raw);
        } catch (DomainException e) {
            throw new InvalidInput("userId", "must be a user id (1-255 printable characters)");
        }
    }

    public static PageRequest page(String limit, String cursor) {
        Integer size = null;
        if (limit != null) {
            try {
                size = Integer.valueOf(limit);
            } catch (NumberFormatException e) {
                throw new InvalidInput("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
            }
            if (size < 1 || size > PageRequest.MAX_LIMIT) {
                throw new InvalidInput("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
            }
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 2048)) {
            throw new InvalidInput("cursor", "is not a cursor this service issued");
        }
        return PageRequest.of(size, cursor);
    }

    public static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null) {
            return null;
        }
        return Wire.parseEnum(type, raw)
                .orElseThrow(() -> new InvalidInput(name, "must be one of " + Wire.choices(type)));
    }

    public static boolean flag(String name, String raw, boolean absent) {
        if (raw == null) {
            return absent;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInput(name, "must be true or false");
        };
    }

    public static Instant time(String name, String raw) {
        if (raw == null) {
            return null;
        }
        return Wire.parseTime(raw)
                .orElseThrow(() -> new InvalidInput(name, Wire.TIME_EXPECTED));
    }

    /** Free text such as {@code q}: absent, or 1 to {@code max} characters. */
    public static String text(String name, String raw, int max) {
        if (raw == null) {
            return null;
        }
        if (raw.isEmpty() || raw.length() > max) {
            throw new InvalidInput(name, "must be 1 to " + max + " characters");
        }
        return raw;
    }
}
