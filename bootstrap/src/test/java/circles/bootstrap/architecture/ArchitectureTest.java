package circles.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The production classes of every module keep the rules of the hexagon. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The application's test-jar (in-memory ports, port contracts) is on this module's test classpath.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("circles");

    @TestFactory
    Stream<DynamicTest> productionClassesKeepEveryRule() {
        return HexagonRules.all().entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(),
                () -> rule.getValue().check(PRODUCTION)));
    }

    /** Guards against passing vacuously: every module is on the classpath, and no test class slipped in. */
    @Test
    void the_import_covers_every_module_and_no_test_class() {
        assertThat(PRODUCTION.stream().map(JavaClass::getPackageName))
                .anyMatch(name -> name.startsWith("circles.domain."))
                .anyMatch(name -> name.startsWith("circles.application.port.in."))
                .anyMatch(name -> name.startsWith("circles.application.port.out."))
                .anyMatch(name -> name.startsWith("circles.application.service."))
                .anyMatch(name -> name.startsWith("circles.adapter.in.rest"))
                .anyMatch(name -> name.startsWith("circles.adapter.in.security"))
                .anyMatch(name -> name.startsWith("circles.adapter.in.scheduler"))
                .anyMatch(name -> name.startsWith("circles.adapter.in.events"))
                .anyMatch(name -> name.startsWith("circles.adapter.out.persistence"))
                .anyMatch(name -> name.startsWith("circles.bootstrap"))
                .anyMatch(name -> name.startsWith("circles.extension."))
                .noneMatch(name -> name.endsWith(".planted"))
                .noneMatch(name -> name.equals("circles.bootstrap.architecture"));
        assertThat(PRODUCTION.stream().map(JavaClass::getSimpleName))
                .noneMatch(name -> name.startsWith("InMemory") || name.endsWith("Test") || name.endsWith("Contract"));
    }

    @Test
    void every_rule_is_named() {
        assertThat(HexagonRules.all().values()).doesNotContainNull().extracting(ArchRule::getDescription)
                .doesNotHaveDuplicates();
    }
}
