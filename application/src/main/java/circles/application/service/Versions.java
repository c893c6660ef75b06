package circles.application.service;

import circles.domain.shared.VersionConflict;

/** Checks an {@code If-Match} style expectation against the current version. */
final class Versions {
    private Versions() {
    }

    static void require(String resource, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new VersionConflict(resource, expected, actual);
        }
    }
}
