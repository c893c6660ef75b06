package circles.domain.masterdata;

import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterDataNodeTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrgId ORG = OrgId.random();

    private static MasterDataNode department(String key, MasterDataNode parent) {
        return MasterDataNode.create(ORG, MasterDataKind.DEPARTMENT, MasterDataKey.of(key), key.toUpperCase(),
                parent, null, NOW);
    }

    private static String fieldOf(Throwable failure) {
        return ((RuleViolation) failure).errors().stream().map(FieldError::field).findFirst().orElse(null);
    }

    @Test
    void keys_are_slug_like() {
        assertThat(MasterDataKey.isValid("cc-100")).isTrue();
        assertThat(MasterDataKey.isValid("north_america")).isTrue();
        for (String bad : new String[] {"", "Engineering", "a/b", "-lead", "trail_", "with space", "x".repeat(101)}) {
            assertThat(MasterDataKey.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void a_nodes_path_is_the_keys_from_the_root() {
        MasterDataNode engineering = department("engineering", null);
        MasterDataNode backend = department("backend", engineering);

        assertThat(engineering.path()).isEqualTo("/engineering");
        assertThat(backend.path()).isEqualTo("/engineering/backend");
        assertThat(backend.parentKey()).isEqualTo(MasterDataKey.of("engineering"));
        assertThat(backend.depth()).isEqualTo(2);
        assertThat(backend.isBelow(engineering)).isTrue();
        assertThat(engineering.isBelow(backend)).isFalse();
    }

    @Test
    void list_entries_have_neither_parent_nor_manager() {
        MasterDataNode cc = MasterDataNode.create(ORG, MasterDataKind.COST_CENTER, MasterDataKey.of("cc-1"), "CC 1",
                null, null, NOW);
        MasterDataNode other = MasterDataNode.create(ORG, MasterDataKind.COST_CENTER, MasterDataKey.of("cc-2"),
                "CC 2", null, null, NOW);

        assertThat(cc.path()).isEqualTo("/cc-1");
        assertThatThrownBy(() -> MasterDataNode.create(ORG, MasterDataKind.COST_CENTER, MasterDataKey.of("cc-3"),
                "CC 3", cc, null, NOW)).satisfies(failure -> assertThat(fieldOf(failure)).isEqualTo("parentKey"));
        assertThatThrownBy(() -> other.changeManager(UserId.of("ana"), NOW))
                .satisfies(failure -> assertThat(fieldOf(failure)).isEqualTo("managerId"));
    }

    @Test
    void a_node_cannot_move_under_itself_or_its_descendants() {
        MasterDataNode engineering = department("engineering", null);
        MasterDataNode backend = department("backend", engineering);
        MasterDataNode api = department("api", backend);

        assertThatThrownBy(() -> engineering.moveUnder(api, 2, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.code()).isEqualTo("master-data-cycle");
                    assertThat(fieldOf(violation)).isEqualTo("parentKey");
                });
        assertThatThrownBy(() -> engineering.moveUnder(engineering, 2, NOW)).isInstanceOf(RuleViolation.class);
        assertThat(engineering.path()).isEqualTo("/engineering");
    }

    @Test
    void moving_changes_the_path_and_reports_the_old_one() {
        MasterDataNode engineering = department("engineering", null);
        MasterDataNode platform = department("platform", null);
        MasterDataNode backend = department("backend", engineering);

        String old = backend.moveUnder(platform, 0, NOW.plusSeconds(1));

        assertThat(old).isEqualTo("/engineering/backend");
        assertThat(backend.path()).isEqualTo("/platform/backend");
        assertThat(backend.parentKey()).isEqualTo(MasterDataKey.of("platform"));
        backend.moveUnder(null, 0, NOW);
        assertThat(backend.path()).isEqualTo("/backend");
        assertThat(backend.parentKey()).isNull();
    }

    @Test
    void trees_are_bounded_in_depth_also_when_a_subtree_moves() {
        MasterDataNode node = null;
        for (int depth = 1; depth <= MasterDataNode.MAX_DEPTH; depth++) {
            node = department("level-" + depth, node);
        }
        MasterDataNode deepest = node;
        assertThatThrownBy(() -> department("too-deep", deepest))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("master-data-too-deep"));

        MasterDataNode other = department("other", null);
        MasterDataNode leaf = department("leaf", null);
        leaf.moveUnder(other, 0, NOW);
        MasterDataNode root = department("root", null);
        assertThatThrownBy(() -> root.moveUnder(deepest, 1, NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void the_kind_names_the_profile_field_its_keys_live_in() {
        MemberProfile profile = MasterDataKind.LOCATION.replaceIn(MemberProfile.EMPTY, "berlin");

        assertThat(profile.location()).isEqualTo("berlin");
        assertThat(MasterDataKind.LOCATION.valueIn(profile)).isEqualTo("berlin");
        assertThat(MasterDataKind.COST_CENTER.profileField()).isEqualTo("costCenter");
        assertThat(MasterDataKind.JOB_TITLE.isTree()).isFalse();
    }

    @Test
    void ancestors_are_walked_from_the_parent_links_nearest_first_and_a_cycle_ends_the_walk() {
        Map<String, String> parents = Map.of("api", "backend", "backend", "engineering");
        assertThat(MasterDataNode.ancestors(parents, "api")).containsExactly("backend", "engineering");
        assertThat(MasterDataNode.ancestors(parents, "engineering")).isEmpty();
        assertThat(MasterDataNode.ancestors(parents, "unknown")).isEmpty();
        assertThat(MasterDataNode.ancestors(Map.of("a", "b", "b", "c", "c", "a"), "a")).containsExactly("b", "c");
    }
}
