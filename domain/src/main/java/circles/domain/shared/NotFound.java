package circles.domain.shared;

import java.util.List;

/** The resource does not exist, or the caller may not know that it exists. */
public final class NotFound extends DomainException {
    public NotFound(String resource, Object id) {
        super(resource + "-not-found", resource + " " + id + " does not exist", List.of());
    }
}
