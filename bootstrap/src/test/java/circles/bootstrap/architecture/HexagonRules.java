package circles.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of the hexagon: {@code bootstrap -> adapters -> application -> domain}, no framework in
 * the core, adapters talk to the core through its ports only and never to each other, the persistence adapter's
 * SQL machinery is its own, and no package grows past 25 classes. Stated once here and
 * checked by {@link ArchitectureTest} (the real classes) and {@link ArchitectureRulesDetectViolationsTest}
 * (planted violations, to prove each rule can fail).
 */
public final class HexagonRules {
    static final String DOMAIN = "circles.domain..";
    static final String APPLICATION = "circles.application..";
    static final String PORTS = "circles.application.port..";
    static final String SERVICES = "circles.application.service..";
    static final String ADAPTERS = "circles.adapter..";
    static final String INBOUND_ADAPTERS = "circles.adapter.in..";
    static final String OUTBOUND_ADAPTERS = "circles.adapter.out..";
    static final String PERSISTENCE_ADAPTER = "circles.adapter.out.persistence..";
    /** The persistence adapter's shared SQL machinery: tenant scope, unit of work, query builder, cursors. */
    static final String SQL_MACHINERY = "circles.adapter.out.persistence.sql..";
    /** Above this many classes a package hides its features: cut it by feature instead. */
    static final int MAX_CLASSES_PER_PACKAGE = 25;
    static final String BOOTSTRAP = "circles.bootstrap..";
    /** The inbound adapter that drives the internal event path (adapters/events). */
    static final String EVENTS_ADAPTER = "circles.adapter.in.events..";
    /** The use cases of the internal event path: delivery after commit, redelivery, handling. */
    static final String EVENT_USE_CASES = "circles.application.port.in.event..";
    /** Modules that plug into the core through the domain's extension points (criterion types), e.g. examples/. */
    static final String EXTENSIONS = "circles.extension..";

    /** Frameworks the core must never see. */
    static final String[] FRAMEWORKS = {"jakarta..", "javax..", "io.quarkus..", "org.hibernate..",
            "com.fasterxml..", "io.smallrye..", "org.eclipse.microprofile..", "io.vertx..", "org.jboss.."};

    private HexagonRules() {
    }

    // Pure libraries the domain may use are added here one by one, deliberately (docs/design.md, Parts):
    // RE2J gives the rule operator "regex" linear-time matching.
    public static final ArchRule DOMAIN_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.google.re2j..", DOMAIN)
            .because("the domain is plain Java");

    public static final ArchRule APPLICATION_DEPENDS_ONLY_ON_THE_JDK_THE_DOMAIN_AND_ITSELF = classes()
            .that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION)
            .because("use cases and ports are plain Java over the domain");

    public static final ArchRule NO_FRAMEWORK_IN_DOMAIN_OR_APPLICATION = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("frameworks belong to adapters and bootstrap");

    public static final ArchRule DEPENDENCIES_POINT_INWARDS = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("circles..")
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Adapters").definedBy(ADAPTERS)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .layer("Extensions").definedBy(EXTENSIONS)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Extensions").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap", "Extensions")
            .as("dependencies point inwards: bootstrap -> adapters -> application -> domain;"
                    + " extensions see the domain only and are found at start-up, never named");

    public static final ArchRule ADAPTERS_USE_PORTS_NOT_SERVICES = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .because("adapters talk to the core through its ports");

    public static final ArchRule ONLY_BOOTSTRAP_KNOWS_SERVICES = classes()
            .that().resideInAPackage(SERVICES)
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(SERVICES, BOOTSTRAP)
            .because("services are wired by bootstrap and used through the use-case interfaces");

    public static final ArchRule PORTS_DO_NOT_DEPEND_ON_SERVICES = noClasses()
            .that().resideInAPackage(PORTS)
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .because("ports describe what the core offers and needs, not how it is done");

    public static final ArchRule INBOUND_ADAPTERS_DO_NOT_REACH_OUTBOUND_ADAPTERS = noClasses()
            .that().resideInAPackage(INBOUND_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(OUTBOUND_ADAPTERS)
            .because("a request reaches storage only through a use case");

    public static final ArchRule OUTBOUND_ADAPTERS_DO_NOT_REACH_INBOUND_ADAPTERS = noClasses()
            .that().resideInAPackage(OUTBOUND_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(INBOUND_ADAPTERS)
            .because("outbound adapters serve the core, not the callers");

    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("circles.adapter.(*).(*)..")
            .should().notDependOnEachOther()
            .because("each adapter is its own Maven module depending on the application only");

    public static final ArchRule ONLY_THE_EVENTS_ADAPTER_DRIVES_THE_EVENT_PATH = noClasses()
            .that().resideInAPackage(ADAPTERS).and().resideOutsideOfPackage(EVENTS_ADAPTER)
            .should().dependOnClassesThat().resideInAPackage(EVENT_USE_CASES)
            .because("events are delivered and redelivered from adapters/events alone: the outbox only stores them"
                    + " and announces its commits (docs/adr/0016)");

    public static final ArchRule ONLY_THE_PERSISTENCE_ADAPTER_USES_THE_SQL_MACHINERY = noClasses()
            .that().resideOutsideOfPackage(PERSISTENCE_ADAPTER)
            .should().dependOnClassesThat().resideInAPackage(SQL_MACHINERY)
            .because("the SQL machinery is how the persistence adapter serves its ports, not a library for others");

    public static final ArchRule NO_PACKAGE_HOLDS_MORE_THAN_25_CLASSES =
            packagesHoldAtMost(MAX_CLASSES_PER_PACKAGE);

    /**
     * No package holds more than {@code limit} top-level classes (nested classes belong to their owner's file;
     * package-info is no class). Public for the test that shows where the limit lies.
     */
    public static ArchRule packagesHoldAtMost(int limit) {
        return ArchRuleDefinition.all(packages())
                .should(new ArchCondition<PackageContents>("hold at most " + limit + " top-level classes") {
                    @Override
                    public void check(PackageContents pkg, ConditionEvents events) {
                        boolean crowded = pkg.classes().size() > limit;
                        events.add(new SimpleConditionEvent(pkg, !crowded, "package " + pkg.name() + " holds "
                                + pkg.classes().size() + " top-level classes, more than " + limit));
                    }
                })
                .because("a package of more classes hides its features: cut it by feature");
    }

    /** A package and its top-level classes. */
    record PackageContents(String name, List<JavaClass> classes) {
    }

    /** The packages of the imported classes, each with its top-level classes. */
    private static AbstractClassesTransformer<PackageContents> packages() {
        return new AbstractClassesTransformer<>("packages") {
            @Override
            public Collection<PackageContents> doTransform(JavaClasses classes) {
                Map<String, List<JavaClass>> byPackage = new TreeMap<>();
                classes.stream()
                        .filter(JavaClass::isTopLevelClass)
                        .filter(type -> !type.getSimpleName().equals("package-info"))
                        .forEach(type -> byPackage.computeIfAbsent(type.getPackageName(), name -> new ArrayList<>())
                                .add(type));
                return byPackage.entrySet().stream()
                        .map(entry -> new PackageContents(entry.getKey(), List.copyOf(entry.getValue())))
                        .toList();
            }
        };
    }

    /** Every rule, by name. */
    public static Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("DOMAIN_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF", DOMAIN_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF);
        rules.put("APPLICATION_DEPENDS_ONLY_ON_THE_JDK_THE_DOMAIN_AND_ITSELF",
                APPLICATION_DEPENDS_ONLY_ON_THE_JDK_THE_DOMAIN_AND_ITSELF);
        rules.put("NO_FRAMEWORK_IN_DOMAIN_OR_APPLICATION", NO_FRAMEWORK_IN_DOMAIN_OR_APPLICATION);
        rules.put("DEPENDENCIES_POINT_INWARDS", DEPENDENCIES_POINT_INWARDS);
        rules.put("ADAPTERS_USE_PORTS_NOT_SERVICES", ADAPTERS_USE_PORTS_NOT_SERVICES);
        rules.put("ONLY_BOOTSTRAP_KNOWS_SERVICES", ONLY_BOOTSTRAP_KNOWS_SERVICES);
        rules.put("PORTS_DO_NOT_DEPEND_ON_SERVICES", PORTS_DO_NOT_DEPEND_ON_SERVICES);
        rules.put("INBOUND_ADAPTERS_DO_NOT_REACH_OUTBOUND_ADAPTERS", INBOUND_ADAPTERS_DO_NOT_REACH_OUTBOUND_ADAPTERS);
        rules.put("OUTBOUND_ADAPTERS_DO_NOT_REACH_INBOUND_ADAPTERS", OUTBOUND_ADAPTERS_DO_NOT_REACH_INBOUND_ADAPTERS);
        rules.put("ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER", ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER);
        rules.put("ONLY_THE_EVENTS_ADAPTER_DRIVES_THE_EVENT_PATH", ONLY_THE_EVENTS_ADAPTER_DRIVES_THE_EVENT_PATH);
        rules.put("ONLY_THE_PERSISTENCE_ADAPTER_USES_THE_SQL_MACHINERY",
                ONLY_THE_PERSISTENCE_ADAPTER_USES_THE_SQL_MACHINERY);
        rules.put("NO_PACKAGE_HOLDS_MORE_THAN_25_CLASSES", NO_PACKAGE_HOLDS_MORE_THAN_25_CLASSES);
        return rules;
    }
}
