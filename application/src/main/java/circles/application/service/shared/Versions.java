package circles.application.service.shared;

import circles.domain.shared.VersionConflict;

/** Checks an {@code If-Match} style expectation against the current version. */
public final class Versions {
    private Versions() {
    }

    public static void require(String resource, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new VersionConflict(resource, expected, actual);
        }
    }
}
