package circles.adapter.out.persistence.sql;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Gives the list cursors their signing keys from {@code circles.cursor.keys} when the service starts, and stops
 * the start, naming the setting, when the keys are missing or malformed. The keys are configuration; the
 * signing stays here, in the SQL machinery that writes and reads cursors.
 */
@Startup
@ApplicationScoped
public class CursorKeysSetting {
    static final String SETTING = "circles.cursor.keys";

    @ConfigProperty(name = SETTING)
    Optional<String> keys;

    @PostConstruct
    void installKeys() {
        try {
            KeysetCursor.useKeys(CursorKeys.parse(keys.orElse(null)));
        } catch (IllegalArgumentException malformed) {
            throw new ConfigurationException(SETTING + " (CIRCLES_CURSOR_KEYS) is not usable: "
                    + malformed.getMessage() + ". Give kid:base64secret entries separated by commas, each secret"
                    + " at least " + CursorKeys.MIN_SECRET_BYTES + " random bytes; the first one signs.");
        }
    }
}
