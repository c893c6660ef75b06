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
 * In dev mode without its setting, makes up a random server key once and keeps it in a file next to the dev data
 * (under {@code circles.data-dir}, default {@value #DEFAULT_DATA_DIR}), so what it signs or encrypts stays valid across
 * restarts. Production never gets a made-up key: {@link ProductionSettingsCheck} stops it. One subclass per key.
 */
abstract class DevKeyConfigSourceFactory implements ConfigSourceFactory {
    static final String DATA_DIR = "circles.data-dir";
    static final String DEFAULT_DATA_DIR = ".circles";
    private static final int ORDINAL = 275;

    private final String setting;
    private final String keyFile;
    private final String purpose;

    /** {@code purpose} names the key in the source's name and in errors, e.g. {@code cursor}. */
    DevKeyConfigSourceFactory(String setting, String keyFile, String purpose) {
        this.setting = setting;
        this.keyFile = keyFile;
        this.purpose = purpose;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || ExecutionMode.current() != ExecutionMode.RUNTIME_INIT
                || present(context, setting)) {
            return List.of();
        }
        ConfigValue dir = context.getValue(DATA_DIR);
        Path file = Path.of(dir == null || dir.getValue() == null ? DEFAULT_DATA_DIR : dir.getValue())
                .toAbsolutePath().normalize().resolve(keyFile);
        return List.of(new PropertiesConfigSource(Map.of(setting, keysIn(file)), "circles-dev-" + purpose + "-key",
                ORDINAL));
    }

    private String keysIn(Path file) {
        synchronized (DevKeyConfigSourceFactory.class) {
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
                throw new UncheckedIOException("cannot keep the dev " + purpose + " key in " + file, failure);
            }
        }
    }

    private static boolean present(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
