package circles.bootstrap.wiring;

import circles.application.port.out.activity.ActivityReader;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.GroupDependencies;
import circles.application.port.out.dynamic.MemberIndex;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.rule.CriterionConfigValidator;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.rule.CriterionTypesService;
import circles.application.service.rule.RulePreviewService;
import circles.application.service.rule.RuleValidationService;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.CriterionType;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Rules of dynamic groups: the criterion types, validation and preview. */
@ApplicationScoped
public class RuleWiring {

    /**
     * The built-in criterion types (the activity criteria reading the stored activity among them) and every
     * {@link CriterionType} bean other modules contribute (docs/adr/0012). Made at start-up, so that two types
     * claiming one key stop the application with a message naming both instead of failing the first rule that
     * is parsed.
     */
    @Produces
    @Singleton
    @Startup
    CriterionRegistry criterionRegistry(ActivityReader activity, Instance<CriterionType> contributed) {
        return CriterionRegistry.withBuiltInsAnd(activity, contributed.stream().toList());
    }

    @Produces
    @Singleton
    CriterionTypesService criterionTypesService(CriterionRegistry registry) {
        return new CriterionTypesService(registry);
    }

    @Produces
    @Singleton
    RuleValidationService ruleValidationService(CriterionRegistry registry, CriterionConfigValidator validator) {
        return new RuleValidationService(registry, validator);
    }

    @Produces
    @Singleton
    RulePreviewService rulePreviewService(UnitOfWork tx, Access access, GroupRepository groups,
                                          RuleValidationService rules, DynamicGroupEngine engine,
                                          RuleMemberQuery ruleMembers, OrgMemberRepository orgMembers,
                                          DynamicMembersStore members, GroupDependencies dependencies,
                                          MemberIndex index, Clock clock) {
        return new RulePreviewService(tx, access, groups, rules, engine,
                new RulePreviewService.Ports(ruleMembers, orgMembers, members, dependencies, index), clock);
    }
}
