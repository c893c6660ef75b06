package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.group.Group;
import circles.domain.org.Organization;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import circles.domain.rule.RuleWriter;
import circles.domain.shared.NotFound;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored rule of a dynamic group, against PostgreSQL: it reads back as the canonical form it was saved in. */
@QuarkusTest
class DynamicGroupDefinitionsTest extends DynamicGroupsTest {
    @Inject
    DynamicGroupDefinitions definitions;
    @Inject
    CriterionRegistry registry;

    @Test
    void a_saved_rule_reads_back_as_its_canonical_form_with_decimals_and_text_intact() {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        Rule rule = new RuleParser(registry).parse(Map.of("all", List.of(
                Map.of("criterion", "activity_score", "metric", "top_learners", "threshold", new BigDecimal("12.50"),
                        "windowDays", 30),
                Map.of("not", Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                        "value", "R&D \"core\"\n\u00e9\u4e2d")))));

        inTx(() -> definitions.saveRule(group.id(), org.id(), rule));
        Map<String, Object> stored = tx(() -> definitions.rule(group.id(), org.id())).orElseThrow();

        assertThat(stored).isEqualTo(RuleWriter.canonical(rule));
        assertThat(new RuleParser(registry).parse(stored)).isEqualTo(rule);
    }

    @Test
    void a_group_without_a_rule_has_none_and_a_rule_for_another_orgs_group_is_not_saved() {
        Organization org = newOrg();
        Group group = newDynamicGroup(org.id());
        Organization other = newOrg();
        Rule rule = new RuleParser(registry).parse(Map.of("criterion", "all_members"));

        assertThat(tx(() -> definitions.rule(group.id(), org.id()))).isEmpty();
        assertThatThrownBy(() -> inTx(() -> definitions.saveRule(group.id(), other.id(), rule)))
                .isInstanceOf(NotFound.class);
        assertThat(tx(() -> definitions.rule(group.id(), org.id()))).isEmpty();
    }
}
