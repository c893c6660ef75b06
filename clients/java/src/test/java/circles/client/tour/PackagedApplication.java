package circles.client.tour;

import java.nio.file.Path;

/** Where the packaged application is: the build names it ({@code circles.packaged-app}), bootstrap builds it. */
final class PackagedApplication {
    private PackagedApplication() {
    }

    static Path path() {
        String configured = System.getProperty("circles.packaged-app");
        return configured != null
                ? Path.of(configured)
                : Path.of("..", "..", "bootstrap", "target", "quarkus-app", "quarkus-run.jar");
    }
}
