package circles.adapter.in.rest.http;

import java.util.List;

/** A short, unpaginated list. */
public record ItemsResponse<T>(List<T> items) {
}
