package circles.extension.visitedunit;

import circles.domain.criterion.CriterionType;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The registration: a {@link CriterionType} bean. Circles collects every such bean at start-up and registers it
 * next to the built-in types (its {@code RuleWiring.criterionRegistry}); nothing in Circles names this
 * module.
 */
@Singleton
public class VisitedUnitRegistration {

    @Produces
    @Singleton
    CriterionType visitedUnit(UnitVisits visits) {
        return new VisitedUnitCriterionType(visits);
    }
}
