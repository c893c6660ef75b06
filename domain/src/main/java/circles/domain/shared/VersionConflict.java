package circles.domain.shared;

import java.util.List;

/** The caller's copy is stale: the expected version is not the current one. */
public final class VersionConflict extends DomainException {
    public VersionConflict(String resource, long expected, long actual) {
        super("version-mismatch", resource + " is at version " + actual + ", not " + expected, List.of());
    }
}
