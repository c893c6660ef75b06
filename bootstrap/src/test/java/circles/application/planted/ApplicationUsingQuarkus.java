package circles.application.planted;

import io.quarkus.runtime.LaunchMode;

/** A planted violation for the architecture rules' own test: the application must not know Quarkus. */
public final class ApplicationUsingQuarkus {
    public boolean isDev(LaunchMode mode) {
        return mode == LaunchMode.DEVELOPMENT;
    }
}
