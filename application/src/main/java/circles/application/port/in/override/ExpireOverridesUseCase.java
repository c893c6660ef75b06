package circles.application.port.in.override;

/**
 * Removes the include and exclude entries whose expiry has passed, in every org, and re-checks the members they
 * named. Safe to run on several instances at once: each entry is handled by one of them.
 */
public interface ExpireOverridesUseCase {
    Report expireOverrides();

    record Report(int expiredEntries) {
    }
}
