package circles.domain.criterion;

import circles.domain.criterion.attribute.AttributeCriterionType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CriterionRegistryTest {

    /** A type contributed by another module, as far as the registry cares: a key and nothing else. */
    private record ContributedType(String key) implements CriterionType {
        @Override
        public String title() {
            return "Contributed " + key;
        }

        @Override
        public String description() {
            return "A type from outside the domain.";
        }

        @Override
        public String configSchema() {
            return "{\"type\": \"object\"}";
        }

        @Override
        public Criterion parse(Map<String, Object> config) {
            return new AllMembersCriterion();
        }
    }

    /** Another contributed class, so that a clash names two different classes. */
    private static final class OtherContributedType implements CriterionType {
        private final String key;

        OtherContributedType(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String title() {
            return "Other " + key;
        }

        @Override
        public String description() {
            return "Another type from outside the domain.";
        }

        @Override
        public String configSchema() {
            return "{\"type\": \"object\"}";
        }

        @Override
        public Criterion parse(Map<String, Object> config) {
            return new AllMembersCriterion();
        }
    }

    @Test
    void contributed_types_follow_the_built_ins_sorted_by_key_whatever_the_order_of_discovery() {
        CriterionRegistry registry = CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("visited_unit"),
                new ContributedType("completed_course")));

        assertThat(registry.all()).extracting(CriterionType::key).containsExactly("attribute", "reports_to",
                "member_of", "all_members", "completed_course", "visited_unit");
        assertThat(registry.find("visited_unit")).get().extracting(CriterionType::title)
                .isEqualTo("Contributed visited_unit");
    }

    @Test
    void without_contributions_the_registry_holds_the_built_ins_only() {
        assertThat(CriterionRegistry.withBuiltInsAnd(List.of()).all()).extracting(CriterionType::key)
                .containsExactlyElementsOf(CriterionRegistry.withBuiltIns().all().stream().map(CriterionType::key)
                        .toList());
    }

    @Test
    void a_contributed_type_cannot_take_the_key_of_a_built_in() {
        assertThatThrownBy(() -> CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("attribute"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'attribute'")
                .hasMessageContaining(AttributeCriterionType.class.getName())
                .hasMessageContaining(ContributedType.class.getName());
    }

    @Test
    void two_contributed_types_cannot_share_a_key() {
        assertThatThrownBy(() -> CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("visited_unit"),
                new OtherContributedType("visited_unit"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two criterion types share the key 'visited_unit'")
                .hasMessageContaining(ContributedType.class.getName())
                .hasMessageContaining(OtherContributedType.class.getName());
    }

    @Test
    void a_malformed_key_is_refused_naming_the_type_that_brings_it() {
        for (String key : new String[] {"Visited", "visited-unit", "1st", "", "a".repeat(65)}) {
            assertThatThrownBy(() -> CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType(key))))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ContributedType.class.getName());
        }
        assertThatThrownBy(() -> CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType(null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ContributedType.class.getName());
        assertThat(CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("a".repeat(64)))).all())
                .hasSize(5);
    }
}
