package circles.bootstrap.architecture;

import circles.application.port.in.event.RedeliverDirectoryEventsUseCase;
import circles.adapter.out.persistence.group.GroupRepositoryAdapter;
import circles.application.port.in.group.GetGroupUseCase;
import circles.application.service.group.GroupService;
import circles.bootstrap.wiring.GroupWiring;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule fails on classes planted in the test sources to break it, naming the planted offender: a rule
 * that could not fail would guard nothing. The planted packages ({@code *.planted}) are imported only here;
 * {@link ArchitectureTest} leaves test classes out.
 */
class ArchitectureRulesDetectViolationsTest {
    private static final JavaClasses PLANTED = plantedClassesAndTheRealClassesTheyPointAt();

    /**
     * The planted packages, plus the real classes they depend on: rules about who may depend on a class
     * (layers, services) only look at dependencies between imported classes.
     */
    private static JavaClasses plantedClassesAndTheRealClassesTheyPointAt() {
        Set<Location> locations = new HashSet<>();
        Stream.of("circles.domain.planted", "circles.application.planted", "circles.application.planted.crowded",
                        "circles.application.port.planted", "circles.adapter.in.planted", "circles.adapter.out.planted",
                        "circles.extension.planted")
                .forEach(name -> locations.addAll(Locations.ofPackage(name)));
        Stream.of(GroupService.class, GetGroupUseCase.class, GroupWiring.class,
                        RedeliverDirectoryEventsUseCase.class)
                .forEach(type -> locations.addAll(Locations.ofClass(type)));
        return new ClassFileImporter().importLocations(locations);
    }

    /** For each rule, the planted classes its failure report must name. */
    private static final Map<String, List<String>> OFFENDERS = Map.ofEntries(
            entry("DOMAIN_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF",
                    List.of("DomainUsingJaxRs", "DomainUsingApplication")),
            entry("APPLICATION_DEPENDS_ONLY_ON_THE_JDK_THE_DOMAIN_AND_ITSELF",
                    List.of("ApplicationUsingQuarkus", "ApplicationUsingAdapter")),
            entry("NO_FRAMEWORK_IN_DOMAIN_OR_APPLICATION",
                    List.of("DomainUsingJaxRs", "ApplicationUsingQuarkus")),
            entry("DEPENDENCIES_POINT_INWARDS",
                    List.of("DomainUsingApplication", "ApplicationUsingAdapter", "AdapterUsingBootstrap",
                            "ExtensionUsingApplication", "AdapterUsingExtension")),
            entry("ADAPTERS_USE_PORTS_NOT_SERVICES", List.of("InboundAdapterUsingService")),
            entry("ONLY_BOOTSTRAP_KNOWS_SERVICES", List.of("InboundAdapterUsingService", "PortUsingService")),
            entry("PORTS_DO_NOT_DEPEND_ON_SERVICES", List.of("PortUsingService")),
            entry("INBOUND_ADAPTERS_DO_NOT_REACH_OUTBOUND_ADAPTERS", List.of("InboundAdapterUsingOutboundAdapter")),
            entry("OUTBOUND_ADAPTERS_DO_NOT_REACH_INBOUND_ADAPTERS", List.of("OutboundAdapterUsingInboundAdapter")),
            entry("ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER",
                    List.of("InboundAdapterUsingOutboundAdapter", "OutboundAdapterUsingInboundAdapter")),
            entry("ONLY_THE_EVENTS_ADAPTER_DRIVES_THE_EVENT_PATH", List.of("OutboundAdapterDeliveringEvents")),
            entry("ONLY_THE_PERSISTENCE_ADAPTER_USES_THE_SQL_MACHINERY", List.of("OutboundAdapterUsingSqlMachinery")),
            entry("NO_PACKAGE_HOLDS_MORE_THAN_25_CLASSES",
                    List.of("package circles.application.planted.crowded holds 26 top-level classes")));

    @TestFactory
    Stream<DynamicTest> everyRuleFailsOnItsPlantedViolations() {
        return HexagonRules.all().entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
            ArchRule archRule = rule.getValue();
            List<String> offenders = OFFENDERS.get(rule.getKey());
            assertThat(offenders).as("planted offenders for " + rule.getKey()).isNotNull();

            assertThatThrownBy(() -> archRule.check(PLANTED))
                    .isInstanceOf(AssertionError.class)
                    .satisfies(error -> assertThat(error.getMessage()).contains(offenders));
        }));
    }

    @Test
    void the_real_classes_imported_alongside_break_no_rule() {
        // The persistence adapter's own use of its SQL machinery is no violation.
        JavaClasses real = new ClassFileImporter().importClasses(GroupService.class, GetGroupUseCase.class,
                GroupWiring.class, GroupRepositoryAdapter.class);
        HexagonRules.all().values().forEach(rule -> rule.allowEmptyShould(true).check(real));
    }

    @Test
    void a_package_may_hold_as_many_classes_as_the_limit_but_no_more() {
        HexagonRules.packagesHoldAtMost(26).check(PLANTED);

        assertThatThrownBy(() -> HexagonRules.packagesHoldAtMost(25).check(PLANTED))
                .hasMessageContaining("package circles.application.planted.crowded holds 26 top-level classes")
                .hasMessageNotContaining("circles.adapter.out.planted");
    }

    @Test
    void every_rule_has_planted_violations() {
        assertThat(OFFENDERS.keySet()).containsExactlyInAnyOrderElementsOf(HexagonRules.all().keySet());
    }

    @Test
    void the_stand_in_outbound_adapter_breaks_nothing_by_itself() {
        JavaClasses innocent = new ClassFileImporter().importClasses(
                circles.adapter.out.planted.PlantedOutboundAdapter.class);
        HexagonRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER.check(innocent);
        HexagonRules.ADAPTERS_USE_PORTS_NOT_SERVICES.check(innocent);
        HexagonRules.OUTBOUND_ADAPTERS_DO_NOT_REACH_INBOUND_ADAPTERS.check(innocent);
    }
}
