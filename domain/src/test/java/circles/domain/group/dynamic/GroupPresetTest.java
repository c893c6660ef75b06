package circles.domain.group.dynamic;

import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupPresetTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final OrgId ACME = new OrgId(UUID.fromString("3f0c2a8e-5b7d-4c1a-9e2f-1a2b3c4d5e6f"));

    @Test
    void presets_are_named_on_the_wire_as_the_seeds_dynamic_types() {
        assertThat(GroupPreset.WIRE_NAMES).containsExactly("recent_logins", "no_logins", "most_active",
                "top_learners", "most_talkative");
        assertThat(GroupPreset.ofWireName("top_learners")).contains(GroupPreset.TOP_LEARNERS);
        assertThat(GroupPreset.ofWireName("Top Learners")).isEmpty();
        assertThat(GroupPreset.values()).extracting(GroupPreset::title).containsExactly("Recent Logins", "No Logins",
                "Most Active", "Top Learners", "Most Talkative");
    }

    @Test
    void a_preset_group_is_a_private_dynamic_custom_group_of_its_org() {
        Group group = Group.preset(ACME, GroupPreset.MOST_TALKATIVE, "Most Talkative", UserId.of("ana"), NOW);

        assertThat(group.preset()).isEqualTo(GroupPreset.MOST_TALKATIVE);
        assertThat(group.isPreset()).isTrue();
        assertThat(group.orgIdOrNull()).isEqualTo(ACME);
        assertThat(group.kind()).isEqualTo(GroupKind.DYNAMIC);
        assertThat(group.type()).isEqualTo(GroupType.CUSTOM);
        assertThat(group.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(group.slug().value()).isEqualTo("most-talkative");
        assertThat(group.description().description()).isEqualTo(GroupPreset.MOST_TALKATIVE.about());
        assertThat(group.ownerId()).isEqualTo(UserId.of("ana"));
        assertThat(group.createdAt()).isEqualTo(NOW);
    }

    @Test
    void a_preset_group_cannot_be_deleted_but_any_other_group_can() {
        Group preset = Group.preset(ACME, GroupPreset.NO_LOGINS, "Dormant", UserId.of("ana"), NOW);
        Group custom = Group.create(new Group.Draft(ACME, new GroupDescription("No Logins", null, null, null, null),
                null, GroupType.CUSTOM, GroupKind.DYNAMIC, null, Visibility.PRIVATE, null, null, null, null),
                UserId.of("ana"), NOW);

        assertThatThrownBy(preset::requireDeletable).isInstanceOfSatisfying(RuleViolation.class, refusal -> {
            assertThat(refusal.code()).isEqualTo("preset-group-undeletable");
            assertThat(refusal.getMessage()).contains("'Dormant'").contains("no_logins");
        });
        custom.requireDeletable();
        assertThat(custom.preset()).isNull();
    }

    @Test
    void only_orgs_have_preset_groups() {
        assertThatThrownBy(() -> Group.preset(null, GroupPreset.NO_LOGINS, "No Logins", UserId.of("ana"), NOW))
                .isInstanceOf(RuleViolation.class);
    }
}
