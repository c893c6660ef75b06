package circles.bootstrap.config;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * In dev mode without {@value #SETTING}, makes up a random key for the encryption of stored secrets (webhook signing
 * secrets) once and keeps it in a file next to the dev data ({@value #KEY_FILE} under {@code circles.data-dir},
 * default {@value #DEFAULT_DATA_DIR}), so stored secrets stay readable across restarts. Production never gets a
 * made-up key: {@link ProductionSettingsCheck} stops it.
 */
public class DevSecretKeyConfigSourceFactory implements ConfigSourceFactory {
    static final String SETTING = "circles.secrets.keys";
    static final String DATA_DIR = "circles.data-dir";
    static final String DEFAULT_DATA_DIR = ".circles";
    static final String KEY_FILE = "secret-keys";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || ExecutionMode.current() != ExecutionMode.RUNTIME_INIT
                || present(context, SETTING)) {
            return List.of();
        }
        ConfigValue dir = context.getValue(DATA_DIR);
        Path file = Path.of(dir == null || dir.getValue() == null ? DEFAULT_DATA_DIR : dir.getValue())
                .toAbsolutePath().normalize().resolve(KEY_FILE);
        return List.of(new PropertiesConfigSource(Map.of(SETTING, keysIn(file)), "circles-dev-secret-key", ORDINAL));
    }

    private static synchronized String keysIn(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String keys = "dev:" + Base64.getEncoder().encodeToString(secret);
            Files.createDirectories(file.getParent());
            Files.writeString(file, keys + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Dev data on a file system without POSIX permissions: the file stays as created.
            }
            return keys;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot keep the dev secret encryption key in " + file, failure);
        }
    }

    private static boolean present(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
