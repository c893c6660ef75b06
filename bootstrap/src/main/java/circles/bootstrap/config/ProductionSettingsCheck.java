package circles.bootstrap.config;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Stops a production start at once, with one message naming every missing setting, when the
 * database, the token issuer, the cursor signing keys or the keys that encrypt stored secrets are not configured. Without this, a missing database URL would
 * leave the datasource silently inactive and the service would look healthy.
 *
 * <p>Runs while the runtime configuration is built, before any extension starts. It checks nothing
 * at build time (also the static initialization of a native image) nor in dev and test mode.
 * Contributes no configuration itself.
 */
public class ProductionSettingsCheck implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (LaunchMode.current() == LaunchMode.NORMAL && ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
            List<String> missing = new ArrayList<>();
            if (absent(context, "quarkus.datasource.jdbc.url")) {
                missing.add("QUARKUS_DATASOURCE_JDBC_URL (e.g. jdbc:postgresql://db:5432/circles), with"
                        + " QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD");
            }
            if (absent(context, "quarkus.oidc.auth-server-url") && absent(context, "quarkus.oidc.public-key")) {
                missing.add("QUARKUS_OIDC_AUTH_SERVER_URL (the token issuer, e.g."
                        + " https://keycloak.example.com/realms/circles)");
            }
            if (absent(context, "circles.cursor.keys")) {
                missing.add("CIRCLES_CURSOR_KEYS (the keys that sign list cursors, kid:base64secret entries"
                        + " separated by commas, each secret at least 32 random bytes; the first one signs)");
            }
            if (absent(context, "circles.secrets.keys")) {
                missing.add("CIRCLES_SECRETS_KEYS (the keys that encrypt stored webhook secrets, kid:base64key"
                        + " entries separated by commas, each key exactly 32 random bytes; the first one encrypts)");
            }
            if (!missing.isEmpty()) {
                throw new ConfigurationException("Circles cannot start: production needs a PostgreSQL database,"
                        + " an OIDC issuer, cursor signing keys and secret encryption keys, and it never starts an embedded database. Set "
                        + String.join("; and ", missing) + ".");
            }
        }
        return List.of();
    }

    private static boolean absent(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }
}
