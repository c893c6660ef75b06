package circles.bootstrap;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Circles. Before Quarkus starts its HTTP server, it leaves the check that a request target is a valid URI to
 * the application (system property {@code vertx.disableURIValidation}): Quarkus' own check answers an empty 400,
 * the application's a problem document (see {@code HttpLayerProblems} in the REST adapter). A value given on the
 * command line is kept.
 */
@QuarkusMain
public final class CirclesMain {
    static final String NO_SERVER_URI_CHECK = "vertx.disableURIValidation";

    CirclesMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(NO_SERVER_URI_CHECK) == null) {
            System.setProperty(NO_SERVER_URI_CHECK, "true");
        }
        Quarkus.run(args);
    }
}
