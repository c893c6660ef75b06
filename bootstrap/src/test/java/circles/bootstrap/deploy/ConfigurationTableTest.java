package circles.bootstrap.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator finds every setting of Circles' own in the README's configuration table. */
class ConfigurationTableTest {

    @Test
    void every_circles_setting_of_the_application_is_documented_as_a_variable() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (String key : applicationProperties().stringPropertyNames()) {
            String property = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (property.startsWith("circles.")) {
                expected.add(ConfigurationTable.variableOf(property));
            }
        }
        assertThat(expected).contains("CIRCLES_REFRESH_EVERY", "CIRCLES_SCIM_USER_DELETE");
        assertThat(ConfigurationTable.read().variables()).containsAll(expected);
    }

    @Test
    void the_property_to_variable_mapping_follows_microprofile_config() {
        assertThat(ConfigurationTable.variableOf("circles.refresh.lease-renewal.every"))
                .isEqualTo("CIRCLES_REFRESH_LEASE_RENEWAL_EVERY");
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigurationTableTest.class.getResourceAsStream("/application.properties")) {
            assertThat(in).as("application.properties on the class path").isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
