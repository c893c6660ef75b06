package circles.application.port.out.dynamic;

import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.Visibility;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link PresetGroups} rely on, whichever storage serves it: an org's default groups found by preset,
 * and the orgs lacking some presets listed across orgs in pages, in the order of their ids as the database orders
 * UUIDs (that of their text), each page starting after the last id of the one before. The seeding lock's waiting needs
 * two transactions at once, which only PostgreSQL has. Each case deletes the preset groups it made.
 */
public abstract class PresetGroupsContract {
    private static final Set<GroupPreset> ALL = EnumSet.allOf(GroupPreset.class);
    private static final Comparator<OrgId> DATABASE_ORDER = Comparator.comparing(id -> id.value().toString());

    protected abstract PortFixture fixture();

    protected abstract PresetGroups presets();

    @Test
    void an_orgs_default_groups_are_found_by_preset() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        List<Group> made = new ArrayList<>();
        try {
            Group noLogins = presetGroup(world, org.id(), GroupPreset.NO_LOGINS, made);
            Group mostActive = presetGroup(world, org.id(), GroupPreset.MOST_ACTIVE, made);
            world.newGroup(org.id(), unique("Plain"), null, Visibility.PRIVATE);

            assertThat(world.inOrg(org.id(), () -> presets().of(org.id())))
                    .containsOnly(Map.entry(GroupPreset.NO_LOGINS, noLogins.id()),
                            Map.entry(GroupPreset.MOST_ACTIVE, mostActive.id()));
            Organization other = world.newOrg();
            assertThat(world.inOrg(other.id(), () -> presets().of(other.id()))).isEmpty();
        } finally {
            world.deleteGroups(org.id(), made.stream().map(Group::id).toList());
        }
    }

    @Test
    void orgs_lacking_some_presets_are_listed_across_orgs_in_pages_by_id() {
        PortFixture world = fixture();
        List<Organization> none = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            none.add(world.newOrg());
        }
        Organization some = world.newOrg();
        Organization all = world.newOrg();
        List<Group> made = new ArrayList<>();
        try {
            presetGroup(world, some.id(), GroupPreset.RECENT_LOGINS, made);
            for (GroupPreset preset : GroupPreset.values()) {
                presetGroup(world, all.id(), preset, made);
            }

            List<OrgId> lacking = allLacking(world, ALL);
            assertThat(lacking).containsAll(none.stream().map(Organization::id).toList()).contains(some.id())
                    .doesNotContain(all.id()).doesNotHaveDuplicates().isSortedAccordingTo(DATABASE_ORDER);
            assertThat(allLacking(world, Set.of(GroupPreset.RECENT_LOGINS)))
                    .containsAll(none.stream().map(Organization::id).toList()).doesNotContain(some.id(), all.id());

            OrgId first = none.stream().map(Organization::id).min(DATABASE_ORDER).orElseThrow();
            int at = lacking.indexOf(first);
            assertThat(world.inTransaction(() -> presets().orgsLacking(ALL, first, 2)))
                    .as("the page after an id starts right after it")
                    .containsExactlyElementsOf(lacking.subList(at + 1, Math.min(lacking.size(), at + 3)));
        } finally {
            world.deleteGroups(some.id(), made.stream().filter(group -> group.orgIdOrNull().equals(some.id()))
                    .map(Group::id).toList());
            world.deleteGroups(all.id(), made.stream().filter(group -> group.orgIdOrNull().equals(all.id()))
                    .map(Group::id).toList());
        }
    }

    private static Group presetGroup(PortFixture world, OrgId orgId, GroupPreset preset, List<Group> made) {
        Group group = world.inOrg(orgId, () -> world.groups().save(Group.preset(orgId, preset,
                unique(preset.title()), new UserId("owner"), world.now())));
        made.add(group);
        return group;
    }

    /** Every org lacking some of {@code wanted}, read page by page as the seeding run reads them. */
    private List<OrgId> allLacking(PortFixture world, Set<GroupPreset> wanted) {
        List<OrgId> found = new ArrayList<>();
        OrgId after = null;
        List<OrgId> page;
        do {
            OrgId from = after;
            page = world.inTransaction(() -> presets().orgsLacking(wanted, from, 200));
            found.addAll(page);
            after = page.isEmpty() ? after : page.getLast();
        } while (page.size() == 200);
        return found;
    }
}
