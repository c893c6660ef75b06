package circles.domain.apitoken;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an org API token may be used for. A token calls only the operations that declare one of its scopes; every
 * other operation refuses it, whatever its issuer may do.
 */
public enum ApiTokenScope {
    /** Reading the org's change feed. */
    EVENTS_READ("events:read");

    private final String wire;

    ApiTokenScope(String wire) {
        this.wire = wire;
    }

    /** The scope as clients write it, e.g. {@code events:read}. */
    public String wire() {
        return wire;
    }

    public static Optional<ApiTokenScope> ofWire(String value) {
        return Arrays.stream(values()).filter(scope -> scope.wire.equals(value)).findFirst();
    }
}
