package circles.application.port.out.dynamic;

import circles.application.port.out.shared.PortFixture;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.activity.ActivityData;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import circles.domain.rule.RuleWriter;
import circles.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link DynamicGroupDefinitions} rely on, whichever storage serves it: a saved rule reads back as its
 * canonical form, decimals and text intact, and parses back into the same rule; the last save wins; a rule is saved
 * and read only through its group's own org. Each case deletes the dynamic groups it made.
 */
public abstract class DynamicGroupDefinitionsContract {
    /** Parsing needs the activity criteria's types, never their data. */
    private static final RuleParser PARSER = new RuleParser(CriterionRegistry.withBuiltIns(new NoActivity()));

    protected abstract PortFixture fixture();

    protected abstract DynamicGroupDefinitions definitions();

    @Test
    void a_saved_rule_reads_back_as_its_canonical_form_with_decimals_and_text_intact_and_the_last_save_wins() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newDynamicGroup(org.id(), "Defined");
        try {
            Rule rule = PARSER.parse(Map.of("all", List.of(
                    Map.of("criterion", "activity_score", "metric", "top_learners",
                            "threshold", new BigDecimal("12.50"), "windowDays", 30),
                    Map.of("not", Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                            "value", "R&D \"core\"\n\u00e9\u4e2d")))));

            world.inOrg(org.id(), () -> definitions().saveRule(group.id(), org.id(), rule));
            Map<String, Object> stored = world.inOrg(org.id(), () -> definitions().rule(group.id(), org.id()))
                    .orElseThrow();
            assertThat(stored).isEqualTo(RuleWriter.canonical(rule));
            assertThat(PARSER.parse(stored)).isEqualTo(rule);

            Rule everyone = PARSER.parse(Map.of("criterion", "all_members"));
            world.inOrg(org.id(), () -> definitions().saveRule(group.id(), org.id(), everyone));
            assertThat(world.inOrg(org.id(), () -> definitions().rule(group.id(), org.id())))
                    .contains(RuleWriter.canonical(everyone));
        } finally {
            world.deleteGroups(org.id(), List.of(group.id()));
        }
    }

    @Test
    void a_rule_is_saved_and_read_only_through_its_groups_own_org() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Group group = world.newDynamicGroup(org.id(), "Defined");
        try {
            Rule rule = PARSER.parse(Map.of("criterion", "all_members"));
            assertThat(world.inOrg(org.id(), () -> definitions().rule(group.id(), org.id())))
                    .as("a group without a rule has none").isEmpty();

            assertThatThrownBy(() -> world.inOrg(other.id(), () -> definitions().saveRule(group.id(), other.id(),
                    rule))).isInstanceOf(NotFound.class);
            GroupId missing = new GroupId(UUID.randomUUID());
            assertThatThrownBy(() -> world.inOrg(org.id(), () -> definitions().saveRule(missing, org.id(), rule)))
                    .isInstanceOf(NotFound.class);
            assertThat(world.inOrg(org.id(), () -> definitions().rule(group.id(), org.id()))).isEmpty();

            world.inOrg(org.id(), () -> definitions().saveRule(group.id(), org.id(), rule));
            assertThat(world.inOrg(other.id(), () -> definitions().rule(group.id(), other.id()))).isEmpty();
        } finally {
            world.deleteGroups(org.id(), List.of(group.id()));
        }
    }

    /** Activity data that has none: the parser only needs the criterion types. */
    private static final class NoActivity implements ActivityData {
        @Override
        public Optional<Instant> lastActivity(OrgId orgId, UserId userId) {
            return Optional.empty();
        }

        @Override
        public Map<UserId, Instant> lastActivities(OrgId orgId) {
            return Map.of();
        }

        @Override
        public Map<ActivityType, Long> totals(OrgId orgId, UserId userId, Set<ActivityType> types, Instant after) {
            return Map.of();
        }

        @Override
        public Map<UserId, Map<ActivityType, Long>> totals(OrgId orgId, Set<ActivityType> types, Instant after) {
            return Map.of();
        }

        @Override
        public Map<ActivityType, Long> maxima(OrgId orgId, Set<ActivityType> types, Instant after) {
            return Map.of();
        }
    }
}
