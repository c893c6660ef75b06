package circles.bootstrap.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables the README's "Configuration" table documents. */
record ConfigurationTable(Set<String> variables) {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    static ConfigurationTable read() {
        String readme;
        try {
            readme = Files.readString(README);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + README.toAbsolutePath(), e);
        }
        int start = readme.indexOf("\n## Configuration\n");
        if (start < 0) {
            throw new IllegalStateException("the README has no Configuration section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> variables = new LinkedHashSet<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            String firstCell = line.split("\\|", 3)[1];
            Matcher matcher = VARIABLE.matcher(firstCell);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        }
        return new ConfigurationTable(variables);
    }

    /** The environment variable MicroProfile Config maps to a property name. */
    static String variableOf(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
