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
    void contributedTypesFollowTheBuiltInsSortedByKeyWhateverTheOrderOfDiscovery() {
        CriterionRegistry registry = CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("visited_unit"),
                new ContributedType("completed_course")));

        assertThat(registry.all()).extracting(CriterionType::key).containsExactly("attribute", "reports_to",
                "member_of", "all_members", "completed_course", "visited_unit");
        assertThat(registry.find("visited_unit")).get().extracting(CriterionType::title)
                .isEqualTo("Contributed visited_unit");
    }

    @Test
    void withoutContributionsTheRegistryHoldsTheBuiltInsOnly() {
        assertThat(CriterionRegistry.withBuiltInsAnd(List.of()).all()).extracting(CriterionType::key)
                .containsExactlyElementsOf(CriterionRegistry.withBuiltIns().all().stream().map(CriterionType::key)
                        .toList());
    }

    @Test
    void aContributedTypeCannotTakeTheKeyOfABuiltIn() {
        assertThatThrownBy(() -> CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("attribute"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'attribute'")
                .hasMessageContaining(AttributeCriterionType.class.getName())
                .hasMessageContaining(ContributedType.class.getName());
    }

    @Test
    void twoContributedTypesCannotShareAKey() {
        assertThatThrownBy(() -> CriterionRegistry.withBuiltInsAnd(List.of(new ContributedType("visited_unit"),
                new OtherContributedType("visited_unit"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two criterion types share the key 'visited_unit'")
                .hasMessageContaining(ContributedType.class.getName())
                .hasMessageContaining(OtherContributedType.class.getName());
    }

    @Test
    void aMalformedKeyIsRefusedNamingTheTypeThatBringsIt() {
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
