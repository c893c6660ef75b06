package circles.bootstrap.support;

import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * The criterion registry of the test application: the built-in types plus {@link TopScorersCriterionType}, the one
 * relative type the tests need (the suite shares one Quarkus instance, so it is there for every test).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestCriterionRegistry {

    @Produces
    @Singleton
    CriterionRegistry criterionRegistry() {
        List<CriterionType> types = new ArrayList<>(CriterionRegistry.builtInTypes());
        types.add(new TopScorersCriterionType());
        return new CriterionRegistry(types);
    }
}
