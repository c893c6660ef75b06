package circles.application.port.out.shared;

import circles.domain.shared.InvalidInput;

/** A page of a list: at most {@code limit} items after the opaque {@code cursor} (null for the first page). */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.isBlank() || cursor.length() > 512)) {
            throw new InvalidInput("cursor", "is not a cursor this service issued");
        }
    }

    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
