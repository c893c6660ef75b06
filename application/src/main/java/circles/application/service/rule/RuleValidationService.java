package circles.application.service.rule;

import circles.application.port.in.rule.ValidateRuleUseCase;
import circles.application.port.out.rule.CriterionConfigValidator;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import circles.domain.rule.RuleWriter;

/**
 * Turns rule documents into rules: each criterion configuration is first checked against its type's JSON Schema
 * (through {@link CriterionConfigValidator}), then parsed by the type. Pure and without storage, so it needs no
 * transaction; the services that save rules use {@link #parse(Object)}.
 */
public final class RuleValidationService implements ValidateRuleUseCase {
    private final RuleParser parser;

    public RuleValidationService(CriterionRegistry registry, CriterionConfigValidator validator) {
        this.parser = new RuleParser(registry, (type, config) -> validator.validate(type.configSchema(), config));
    }

    /**
     * @throws circles.domain.shared.RuleViolation {@code rule-invalid} (or {@code regex-too-complex}) with JSON
     *                                             pointers into the document
     */
    public Rule parse(Object document) {
        return parser.parse(document);
    }

    @Override
    public ValidatedRule validate(ValidateRuleCommand command) {
        Rule rule = parse(command.rule());
        return new ValidatedRule(RuleWriter.canonical(rule), rule.leafCount(), rule.depth(), rule.referencedGroups(),
                rule.absolute());
    }
}
