package circles.bootstrap.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers the test resources once for the whole suite. Every {@code @QuarkusTest} gets them
 * (they are not restricted to an annotated class), so all tests share one Quarkus instance: do not
 * add test profiles or per-class resources.
 */
@QuarkusTestResource(PostgresTestResource.class)
public final class AllTestsResources {

    private AllTestsResources() {
    }
}
