package circles.application.port.out.group;

import circles.application.port.out.group.GroupRepository.MembershipFilter;
import circles.application.port.out.group.GroupRepository.Sort;
import circles.application.port.out.group.GroupRepository.Viewer;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupStatus;
import circles.domain.group.GroupType;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.NotificationDefaults;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link GroupRepository} rely on, whichever storage serves it: groups stored whole and versioned,
 * names and slugs unique in their scope, the group tree, member counts, and lists that show each viewer exactly the
 * groups they may see, in a stable order page by page.
 */
public abstract class GroupRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract GroupRepository repository();

    @Test
    void a_saved_group_is_found_whole_and_each_update_raises_its_version() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId reviewer = world.newMember(org, "reviewer");
        Group created = world.newGroup(org.id(), unique("Team"), null, Visibility.ORGANIZATION);

        Group updated = world.inOrg(org.id(), () -> {
            Group group = repository().findById(created.id()).orElseThrow();
            Instant now = world.now();
            group.describe(new GroupDescription(group.name(), "New text", "team@example.test", "rocket", "#7c3aed"),
                    now);
            group.changeSettings(new GroupSettings(true, true, false,
                    new NotificationDefaults(false, List.of("digest"))), now);
            group.changeMetadata(Map.of("cost", 12, "tags", List.of("a", "b"), "nested", Map.of("x", true)), now);
            group.assignReviewer(reviewer, now);
            group.changeExpiry(now.plus(Duration.ofDays(3)), now);
            return repository().save(group);
        });

        assertThat(created.version()).isEqualTo(1);
        assertThat(updated.version()).isEqualTo(2);
        Group read = world.inOrg(org.id(), () -> repository().findById(created.id())).orElseThrow();
        assertThat(read.description()).isEqualTo(updated.description());
        assertThat(read.settings()).isEqualTo(updated.settings());
        assertThat(read.metadata()).isEqualTo(Map.of("cost", 12, "tags", List.of("a", "b"), "nested",
                Map.of("x", true)));
        assertThat(read.reviewerId()).isEqualTo(reviewer);
        assertThat(read.expiresAt()).isEqualTo(updated.expiresAt());
        assertThat(read.orgIdOrNull()).isEqualTo(org.id());
        assertThat(read.ownerId()).isEqualTo(created.ownerId());
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        assertThat(read.version()).isEqualTo(2);
        assertThat(world.inOrg(org.id(), () -> repository().findById(new GroupId(java.util.UUID.randomUUID()))))
                .isEmpty();
    }

    @Test
    void saving_a_stale_group_is_a_version_conflict_and_changes_nothing() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group created = world.newGroup(org.id(), unique("Team"), null);
        world.inOrg(org.id(), () -> {
            Group group = repository().findById(created.id()).orElseThrow();
            group.changeVisibility(Visibility.PRIVATE, world.now());
            return repository().save(group);
        });

        created.changeVisibility(Visibility.ORGANIZATION, world.now());
        assertThatThrownBy(() -> world.inOrg(org.id(), () -> repository().save(created)))
                .isInstanceOf(VersionConflict.class);
        assertThat(world.inOrg(org.id(), () -> repository().findById(created.id())).orElseThrow().visibility())
                .isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void names_are_unique_per_org_ignoring_case_and_free_among_standalone_groups() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        String name = unique("Design Team");
        Group first = world.newGroup(org.id(), name, null);

        assertThat(world.inOrg(org.id(), () -> repository().nameTaken(org.id(), name.toUpperCase(), null))).isTrue();
        assertThat(world.inOrg(org.id(), () -> repository().nameTaken(org.id(), name, first.id()))).isFalse();
        assertThat(world.inOrg(other.id(), () -> repository().nameTaken(other.id(), name, null))).isFalse();

        assertThatThrownBy(() -> world.newGroup(org.id(), name.toUpperCase(), null))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("group-name-taken"));
        assertThat(world.newGroup(other.id(), name, null).name()).isEqualTo(name);

        // Standalone groups share a name freely (their slugs tell them apart).
        String clubName = unique("Club");
        Group club = world.newGroup(null, clubName, null);
        assertThat(world.inOrg(null, () -> repository().nameTaken(null, clubName, null))).isFalse();
        Group.Draft sameName = new Group.Draft(null, club.description(), new circles.domain.shared.Slug(
                unique("club")), GroupType.STANDALONE, GroupKind.STATIC, null, Visibility.PUBLIC, null, null, null,
                null);
        assertThat(world.newGroup(sameName).name()).isEqualTo(clubName);
    }

    @Test
    void slugs_are_unique_per_org_and_among_standalone_groups() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        String name = unique("Guild");
        Group inOrg = world.newGroup(org.id(), name, null);
        var slug = inOrg.slug();
        assertThat(world.inOrg(org.id(), () -> repository().slugTaken(org.id(), slug, null))).isTrue();
        assertThat(world.inOrg(org.id(), () -> repository().slugTaken(org.id(), slug, inOrg.id()))).isFalse();
        assertThat(world.inOrg(other.id(), () -> repository().slugTaken(other.id(), slug, null))).isFalse();
        assertThat(world.inOrg(null, () -> repository().slugTaken(null, slug, null))).isFalse();

        world.newGroup(other.id(), name, null);
        world.newGroup(null, name, null);
        assertThat(world.inOrg(null, () -> repository().slugTaken(null, slug, null))).isTrue();
        assertThatThrownBy(() -> world.newGroup(null, name, null))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("group-slug-taken"));
    }

    @Test
    void ancestors_come_nearest_first_and_descendants_parents_before_children() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group root = world.newGroup(org.id(), unique("Root"), null);
        Group mid = world.newGroup(org.id(), unique("Mid"), root);
        Group leafB = world.newGroup(org.id(), "b " + unique("Leaf"), mid);
        Group leafA = world.newGroup(org.id(), "a " + unique("Leaf"), mid);
        Group sibling = world.newGroup(org.id(), unique("Sibling"), root);

        world.inOrg(org.id(), () -> {
            assertThat(ids(repository().ancestors(leafA.id()))).containsExactly(mid.id(), root.id());
            assertThat(repository().ancestors(root.id())).isEmpty();
            List<GroupId> below = ids(repository().descendants(root.id()));
            assertThat(below).containsExactlyInAnyOrder(mid.id(), sibling.id(), leafA.id(), leafB.id());
            assertThat(below.indexOf(mid.id())).isLessThan(below.indexOf(leafA.id()))
                    .isLessThan(below.indexOf(leafB.id()));
            assertThat(ids(repository().descendants(mid.id()))).containsExactlyInAnyOrder(leafA.id(), leafB.id());
            assertThat(repository().descendants(leafA.id())).isEmpty();
            assertThat(repository().hasSubgroups(mid.id())).isTrue();
            assertThat(repository().hasSubgroups(leafA.id())).isFalse();
            return null;
        });
    }

    @Test
    void member_counts_are_distinct_effective_members_including_subgroups() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group root = world.newGroup(org.id(), unique("Root"), null);
        Group mid = world.newGroup(org.id(), unique("Mid"), root);
        Group leaf = world.newGroup(org.id(), unique("Leaf"), mid);
        Group empty = world.newGroup(org.id(), unique("Empty"), null);
        Instant now = world.now();
        world.join(leaf, world.newMember(org, "leaf"), GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(mid, world.newMember(org, "mid"), GroupRole.MEMBER, MembershipStatus.ACTIVE);
        UserId inRootAndLeaf = world.newMember(org, "both");
        world.join(leaf, inRootAndLeaf, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(root, inRootAndLeaf, GroupRole.ADMIN, MembershipStatus.ACTIVE);
        world.join(leaf, world.newMember(org, "pending"), GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(leaf, world.newMember(org, "ended"), new Membership.Terms(GroupRole.MEMBER,
                MembershipStatus.ACTIVE, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), Set.of()));
        world.join(leaf, world.newMember(org, "future"), new Membership.Terms(GroupRole.MEMBER,
                MembershipStatus.ACTIVE, now.plus(Duration.ofDays(1)), null, Set.of()));

        Map<GroupId, Long> counts = world.inTransaction(() -> repository().memberCounts(
                List.of(root.id(), mid.id(), leaf.id(), empty.id())));
        assertThat(counts.get(root.id())).isEqualTo(3);
        assertThat(counts.get(mid.id())).isEqualTo(3);
        assertThat(counts.get(leaf.id())).isEqualTo(2);
        // Callers read a missing count as zero.
        assertThat(counts.getOrDefault(empty.id(), 0L)).isZero();
        assertThat(world.inTransaction(() -> repository().memberCounts(List.of()))).isEmpty();
    }

    @Test
    void auto_add_groups_are_the_active_static_groups_asking_for_it() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group auto = world.newGroup(org.id(), unique("Everyone"), null, Visibility.ORGANIZATION);
        Group archived = world.newGroup(org.id(), unique("Old everyone"), null, Visibility.ORGANIZATION);
        world.newGroup(org.id(), unique("Plain"), null, Visibility.ORGANIZATION);
        GroupSettings autoAdd = new GroupSettings(false, false, true, NotificationDefaults.ON);
        world.inOrg(org.id(), () -> {
            Group group = repository().findById(auto.id()).orElseThrow();
            group.changeSettings(autoAdd, world.now());
            repository().save(group);
            Group old = repository().findById(archived.id()).orElseThrow();
            old.changeSettings(autoAdd, world.now());
            old.archive(world.now());
            return repository().save(old);
        });
        assertThat(ids(world.inOrg(org.id(), () -> repository().autoAddGroups(org.id()))))
                .containsExactly(auto.id());
    }

    @Test
    void claims_active_groups_whose_expiry_passed_up_to_the_limit() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        // Expired long before any other test's groups, which may share the storage.
        Instant created = Instant.parse("1991-03-01T00:00:00Z");
        List<GroupId> made = new ArrayList<>();
        try {
            List<GroupId> expired = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Group group = world.newGroup(expiring(i % 2 == 0 ? org.id() : null, created.plus(
                        Duration.ofMinutes(10 + i))), new UserId("owner"), created);
                expired.add(group.id());
            }
            made.addAll(expired);
            Group archived = world.newGroup(expiring(org.id(), created.plus(Duration.ofMinutes(5))),
                    new UserId("owner"), created);
            made.add(archived.id());
            world.inOrg(org.id(), () -> {
                Group group = repository().findById(archived.id()).orElseThrow();
                group.archive(created.plus(Duration.ofMinutes(1)));
                return repository().save(group);
            });
            made.add(world.newGroup(expiring(org.id(), created.plus(Duration.ofDays(1))), new UserId("owner"),
                    created).id());
            Instant now = created.plus(Duration.ofHours(1));

            assertThat(world.inTransaction(() -> repository().claimExpired(now, 2))).hasSize(2);
            assertThat(ids(world.inTransaction(() -> repository().claimExpired(now, 100))))
                    .containsExactlyInAnyOrderElementsOf(expired);
        } finally {
            // In the org's scope: row-level security hides the org's groups from a delete outside it.
            world.inOrg(org.id(), () -> {
                repository().delete(made);
                return null;
            });
            assertThat(world.inTransaction(() -> repository().claimExpired(created.plus(Duration.ofDays(2)), 100)))
                    .as("the expired groups of this case are gone").isEmpty();
        }
    }

    @Test
    void deleting_groups_removes_them_with_their_memberships() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group parent = world.newGroup(org.id(), unique("Parent"), null);
        Group child = world.newGroup(org.id(), unique("Child"), parent);
        UserId member = world.newMember(org, "member");
        world.join(child, member, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(parent, member, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        world.inOrg(org.id(), () -> {
            repository().delete(List.of(child.id(), parent.id()));
            return null;
        });

        world.inOrg(org.id(), () -> {
            assertThat(repository().findById(parent.id())).isEmpty();
            assertThat(repository().findById(child.id())).isEmpty();
            assertThat(world.memberships().find(child.id(), member)).isEmpty();
            assertThat(world.memberships().find(parent.id(), member)).isEmpty();
            return null;
        });
    }

    @Test
    void lists_what_each_viewer_may_see() {
        PortFixture world = fixture();
        String tag = unique("vis");
        Organization orgA = world.newOrg();
        Organization orgB = world.newOrg();
        UserId admin = world.newMember(orgA, "admin");
        UserId member = world.newMember(orgA, "member");
        UserId outsider = world.newMember(orgB, "outsider");
        Group pub = world.newGroup(orgA.id(), tag + " pub", null, Visibility.PUBLIC);
        Group orgWide = world.newGroup(orgA.id(), tag + " org", null, Visibility.ORGANIZATION);
        Group priv = world.newGroup(orgA.id(), tag + " priv", null, Visibility.PRIVATE);
        Group privMine = world.newGroup(orgA.id(), tag + " priv mine", null, Visibility.PRIVATE);
        Group standalonePub = world.newGroup(null, tag + " s pub", null, Visibility.PUBLIC);
        Group standalonePriv = world.newGroup(null, tag + " s priv", null, Visibility.PRIVATE);
        Group standaloneMine = world.newGroup(null, tag + " s mine", null, Visibility.PRIVATE);
        Group otherOrg = world.newGroup(orgB.id(), tag + " b pub", null, Visibility.PUBLIC);
        world.join(privMine, member, GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(standaloneMine, member, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        Group dynamicOrgWide = world.newGroup(new Group.Draft(orgA.id(),
                new GroupDescription(tag + " dynamic org", null, null, null, null), null, GroupType.CUSTOM,
                GroupKind.DYNAMIC, null, Visibility.ORGANIZATION, null, null, null, null), admin, world.now());
        // Owners see their own groups, but an org group only while they belong to its org.
        Group ownedInA = world.newGroup(PortFixture.draft(orgA.id(), tag + " owned in a", null, Visibility.PRIVATE),
                outsider, world.now());
        Group ownedStandalone = world.newGroup(PortFixture.draft(null, tag + " s owned", null, Visibility.PRIVATE),
                outsider, world.now());

        Viewer memberOfA = new Viewer(member, false, Set.of(), Set.of(orgA.id()));
        Viewer adminOfA = new Viewer(admin, false, Set.of(orgA.id()), Set.of(orgA.id()));
        Viewer memberOfB = new Viewer(outsider, false, Set.of(), Set.of(orgB.id()));
        Viewer platform = new Viewer(PortFixture.someUser("platform"), true, Set.of(), Set.of());

        // A pending (or suspended) membership shows a private group no more than no membership does.
        assertThat(names(memberOfA, orgA.id(), tag, null)).containsExactlyInAnyOrder(pub.name(), orgWide.name(),
                dynamicOrgWide.name());
        assertThat(names(adminOfA, orgA.id(), tag, null)).containsExactlyInAnyOrder(pub.name(), orgWide.name(),
                priv.name(), privMine.name(), ownedInA.name(), dynamicOrgWide.name());
        assertThat(names(memberOfA, null, tag, null)).containsExactlyInAnyOrder(pub.name(), orgWide.name(),
                dynamicOrgWide.name(), standalonePub.name(), standaloneMine.name());
        assertThat(names(memberOfB, null, tag, null)).containsExactlyInAnyOrder(otherOrg.name(),
                standalonePub.name(), ownedStandalone.name());
        assertThat(names(platform, null, tag, null)).containsExactlyInAnyOrder(pub.name(), orgWide.name(),
                priv.name(), privMine.name(), standalonePub.name(), standalonePriv.name(), standaloneMine.name(),
                otherOrg.name(), ownedInA.name(), ownedStandalone.name(), dynamicOrgWide.name());

        assertThat(names(memberOfA, null, tag, MembershipFilter.MINE)).containsExactlyInAnyOrder(
                standaloneMine.name());
        assertThat(names(memberOfA, null, tag, MembershipFilter.JOINABLE)).containsExactlyInAnyOrder(pub.name(),
                standalonePub.name());
        assertThat(names(memberOfB, null, tag, MembershipFilter.JOINABLE)).containsExactlyInAnyOrder(
                otherOrg.name(), standalonePub.name());
        // The text filter matches names, slugs and descriptions, ignoring case.
        assertThat(names(platform, null, (tag + " S MINE").toUpperCase(), null))
                .containsExactly(standaloneMine.name());
        assertThat(names(platform, null, "About " + tag + " b pub", null)).containsExactly(otherOrg.name());
        assertThat(names(platform, null, otherOrg.slug().value(), null)).containsExactly(otherOrg.name());
    }

    @Test
    void pages_through_every_sort_order_with_cursors() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String tag = unique("sort");
        Instant start = world.now();
        List<String> names = List.of("delta", "Alpha", "echo", "Charlie", "bravo");
        List<Group> created = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            created.add(world.newGroup(PortFixture.draft(org.id(), names.get(i) + " " + tag, null,
                    Visibility.PUBLIC), new UserId("owner"), start.plusSeconds(i)));
        }
        Viewer admin = new Viewer(PortFixture.someUser("admin"), false, Set.of(org.id()), Set.of(org.id()));
        List<String> byName = List.of("Alpha", "bravo", "Charlie", "delta", "echo").stream()
                .map(name -> name + " " + tag).toList();
        List<String> byCreation = created.stream().map(Group::name).toList();

        assertThat(allPages(admin, org.id(), tag, Sort.NAME)).containsExactlyElementsOf(byName);
        assertThat(allPages(admin, org.id(), tag, Sort.NAME_DESC)).containsExactlyElementsOf(byName.reversed());
        assertThat(allPages(admin, org.id(), tag, Sort.CREATED_AT)).containsExactlyElementsOf(byCreation);
        assertThat(allPages(admin, org.id(), tag, Sort.CREATED_AT_DESC))
                .containsExactlyElementsOf(byCreation.reversed());
        assertThat(allPages(admin, null, tag, Sort.NAME)).containsExactlyElementsOf(byName);
    }

    @Test
    void filters_by_parent_visibility_and_status() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String tag = unique("filter");
        Group parent = world.newGroup(org.id(), tag + " parent", null, Visibility.PUBLIC);
        Group child = world.newGroup(org.id(), tag + " child", parent, Visibility.PRIVATE);
        world.inOrg(org.id(), () -> {
            Group group = repository().findById(child.id()).orElseThrow();
            group.archive(world.now());
            return repository().save(group);
        });
        Viewer admin = new Viewer(PortFixture.someUser("admin"), false, Set.of(org.id()), Set.of(org.id()));
        assertThat(list(query(admin, org.id(), tag, null, Sort.NAME, parent.id(), null, null)))
                .extracting(Group::id).containsExactly(child.id());
        assertThat(list(query(admin, org.id(), tag, null, Sort.NAME, null, Visibility.PUBLIC, null)))
                .extracting(Group::id).containsExactly(parent.id());
        assertThat(list(query(admin, org.id(), tag, null, Sort.NAME, null, null, GroupStatus.ARCHIVED)))
                .extracting(Group::id).containsExactly(child.id());
    }

    private static Group.Draft expiring(OrgId orgId, Instant expiresAt) {
        GroupType type = orgId == null ? GroupType.STANDALONE : GroupType.PROJECT;
        String name = unique("Expiring");
        return new Group.Draft(orgId, new GroupDescription(name, null, null, null, null), null, type,
                GroupKind.STATIC, null, Visibility.PUBLIC, null, null, null, expiresAt);
    }

    private List<Group> list(GroupRepository.Query query) {
        return fixture().inTransaction(() -> repository().list(query, PageRequest.first(10))).items();
    }

    private List<String> names(Viewer viewer, OrgId orgId, String text, MembershipFilter membership) {
        return fixture().inTransaction(() -> repository().list(query(viewer, orgId, text, membership, Sort.NAME, null,
                null, null), PageRequest.first(100))).items().stream().map(Group::name).toList();
    }

    private List<String> allPages(Viewer viewer, OrgId orgId, String text, Sort sort) {
        List<String> names = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<Group> page = fixture().inTransaction(() -> repository().list(query(viewer, orgId, text, null, sort,
                    null, null, null), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(group -> names.add(group.name()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        return names;
    }

    private static GroupRepository.Query query(Viewer viewer, OrgId orgId, String text, MembershipFilter membership,
                                               Sort sort, GroupId parentId, Visibility visibility,
                                               GroupStatus status) {
        return new GroupRepository.Query(viewer, orgId, null, null, parentId, visibility, status, text, membership,
                sort);
    }

    private static List<GroupId> ids(List<Group> groups) {
        return groups.stream().map(Group::id).toList();
    }
}
