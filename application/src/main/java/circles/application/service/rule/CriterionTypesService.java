package circles.application.service.rule;

import circles.application.port.in.rule.ListCriterionTypesUseCase;
import circles.domain.criterion.CriterionRegistry;

import java.util.List;

/** Lists the registry's criterion types; nothing about them is secret, so no access check beyond signing in. */
public final class CriterionTypesService implements ListCriterionTypesUseCase {
    private final CriterionRegistry registry;

    public CriterionTypesService(CriterionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<CriterionTypeView> listCriterionTypes() {
        return registry.all().stream()
                .map(type -> new CriterionTypeView(type.key(), type.title(), type.description(), type.configSchema(),
                        type.fields(), type.operators()))
                .toList();
    }
}
