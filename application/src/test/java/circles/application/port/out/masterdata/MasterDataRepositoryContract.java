package circles.application.port.out.masterdata;

import circles.application.port.out.masterdata.MasterDataRepository.Filter;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotFound;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static circles.domain.masterdata.MasterDataKind.DEPARTMENT;
import static circles.domain.masterdata.MasterDataKind.JOB_TITLE;
import static circles.domain.masterdata.MasterDataKind.LOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link MasterDataRepository} rely on, whichever storage serves it: entries stored whole and
 * versioned, keys unique per org and kind, parents that cannot be deleted from under their children, lists in tree
 * order page by page, subtrees that move whole, and the members whose profile names an entry.
 */
public abstract class MasterDataRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract MasterDataRepository repository();

    @Test
    void a_saved_entry_is_found_whole_and_each_update_raises_its_version() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId manager = world.newMember(org, "manager");
        MasterDataNode engineering = save(org.id(), DEPARTMENT, "engineering", null);
        MasterDataNode created = world.inOrg(org.id(), () -> repository().save(MasterDataNode.create(org.id(),
                DEPARTMENT, MasterDataKey.of("backend"), "Backend", engineering, manager, world.now())));

        MasterDataNode updated = world.inOrg(org.id(), () -> {
            MasterDataNode node = find(org.id(), DEPARTMENT, "backend");
            node.rename("Backend & APIs", world.now());
            node.changeManager(null, world.now());
            return repository().save(node);
        });

        assertThat(created.version()).isEqualTo(1);
        assertThat(updated.version()).isEqualTo(2);
        MasterDataNode read = world.inOrg(org.id(), () -> find(org.id(), DEPARTMENT, "backend"));
        assertThat(read.name()).isEqualTo("Backend & APIs");
        assertThat(read.managerId()).isNull();
        assertThat(read.parentKey()).isEqualTo(MasterDataKey.of("engineering"));
        assertThat(read.path()).isEqualTo("/engineering/backend");
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        assertThat(read.updatedAt()).isEqualTo(updated.updatedAt());
        assertThat(read.version()).isEqualTo(2);
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), LOCATION, MasterDataKey.of("backend"))))
                .as("keys belong to one kind").isEmpty();
    }

    @Test
    void keys_are_unique_per_org_and_kind() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        save(org.id(), DEPARTMENT, "sales", null);

        assertThatThrownBy(() -> save(org.id(), DEPARTMENT, "sales", null)).isInstanceOf(Conflict.class);
        assertThat(save(org.id(), LOCATION, "sales", null).version()).isEqualTo(1);
        assertThat(save(other.id(), DEPARTMENT, "sales", null).version()).isEqualTo(1);
        assertThat(world.inOrg(org.id(), () -> find(org.id(), DEPARTMENT, "sales")).name()).isEqualTo("SALES");
    }

    @Test
    void saving_a_stale_entry_is_a_version_conflict_and_changes_nothing() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        MasterDataNode stale = save(org.id(), JOB_TITLE, "engineer", null);
        world.inOrg(org.id(), () -> {
            MasterDataNode node = find(org.id(), JOB_TITLE, "engineer");
            node.rename("Engineer II", world.now());
            return repository().save(node);
        });

        stale.rename("Stale", world.now());
        assertThatThrownBy(() -> world.inOrg(org.id(), () -> repository().save(stale)))
                .isInstanceOf(VersionConflict.class);
        assertThat(world.inOrg(org.id(), () -> find(org.id(), JOB_TITLE, "engineer")).name())
                .isEqualTo("Engineer II");
    }

    @Test
    void updating_an_entry_that_is_gone_is_not_found() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        MasterDataNode gone = save(org.id(), JOB_TITLE, "intern", null);
        delete(org.id(), JOB_TITLE, gone.key());

        gone.rename("Trainee", world.now());
        assertThatThrownBy(() -> world.inOrg(org.id(), () -> repository().save(gone)))
                .isInstanceOf(NotFound.class);
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), JOB_TITLE, gone.key()))).isEmpty();
    }

    @Test
    void an_entry_with_children_cannot_be_deleted_and_a_leaf_or_a_missing_entry_can() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        MasterDataNode europe = save(org.id(), LOCATION, "europe", null);
        MasterDataNode berlin = save(org.id(), LOCATION, "berlin", europe);

        assertThat(world.inOrg(org.id(), () -> repository().hasChildren(org.id(), LOCATION, europe.key()))).isTrue();
        assertThat(world.inOrg(org.id(), () -> repository().hasChildren(org.id(), LOCATION, berlin.key()))).isFalse();
        assertThatThrownBy(() -> delete(org.id(), LOCATION, europe.key()))
                .isInstanceOf(Conflict.class);
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), LOCATION, europe.key()))).isPresent();

        delete(org.id(), LOCATION, berlin.key());
        delete(org.id(), LOCATION, MasterDataKey.of("nowhere"));
        assertThat(world.inOrg(org.id(), () -> repository().hasChildren(org.id(), LOCATION, europe.key()))).isFalse();
        delete(org.id(), LOCATION, europe.key());
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), LOCATION, europe.key()))).isEmpty();
    }

    @Test
    void lists_in_tree_order_on_every_page_even_where_keys_share_a_prefix() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        MasterDataNode eng = save(org.id(), DEPARTMENT, "eng", null);
        save(org.id(), DEPARTMENT, "eng-ops", null);
        MasterDataNode backend = save(org.id(), DEPARTMENT, "backend", eng);
        save(org.id(), DEPARTMENT, "api", backend);
        save(org.id(), DEPARTMENT, "a-team", eng);
        save(org.id(), DEPARTMENT, "sales", null);
        save(org.id(), JOB_TITLE, "engineer", null);
        save(other.id(), DEPARTMENT, "eng", null);

        List<String> expected = List.of("/eng", "/eng/a-team", "/eng/backend", "/eng/backend/api", "/eng-ops",
                "/sales");
        assertThat(paths(org.id(), Filter.ALL, 50)).containsExactlyElementsOf(expected);
        assertThat(paths(org.id(), Filter.ALL, 2)).containsExactlyElementsOf(expected);
        assertThat(paths(org.id(), new Filter(MasterDataKey.of("eng"), null), 1))
                .containsExactly("/eng/a-team", "/eng/backend");
        // The text filter matches keys and names, ignoring case.
        assertThat(paths(org.id(), new Filter(null, "OPS"), 50)).containsExactly("/eng-ops");
        assertThat(paths(org.id(), new Filter(null, "Sal"), 50)).containsExactly("/sales");
    }

    @Test
    void a_moved_entry_takes_its_subtree_along() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        MasterDataNode engineering = save(org.id(), DEPARTMENT, "engineering", null);
        MasterDataNode platform = save(org.id(), DEPARTMENT, "platform", null);
        MasterDataNode backend = save(org.id(), DEPARTMENT, "backend", engineering);
        MasterDataNode api = save(org.id(), DEPARTMENT, "api", backend);
        save(org.id(), DEPARTMENT, "v2", api);

        assertThat(world.inOrg(org.id(), () -> repository().heightBelow(org.id(), DEPARTMENT,
                "/engineering/backend"))).isEqualTo(2);
        assertThat(world.inOrg(org.id(), () -> repository().heightBelow(org.id(), DEPARTMENT, "/platform")))
                .isZero();
        world.inOrg(org.id(), () -> {
            repository().lockStructure(org.id(), DEPARTMENT);
            MasterDataNode moving = find(org.id(), DEPARTMENT, "backend");
            String oldPath = moving.moveUnder(platform, 2, world.now());
            MasterDataNode saved = repository().save(moving);
            repository().relocateDescendants(org.id(), DEPARTMENT, oldPath, saved.path(), world.now());
            return saved;
        });

        world.inOrg(org.id(), () -> {
            assertThat(find(org.id(), DEPARTMENT, "backend").path()).isEqualTo("/platform/backend");
            assertThat(find(org.id(), DEPARTMENT, "api").path()).isEqualTo("/platform/backend/api");
            MasterDataNode v2 = find(org.id(), DEPARTMENT, "v2");
            assertThat(v2.path()).isEqualTo("/platform/backend/api/v2");
            assertThat(v2.parentKey()).isEqualTo(MasterDataKey.of("api"));
            assertThat(v2.version()).as("a relocated entry is a new version").isEqualTo(2);
            assertThat(find(org.id(), DEPARTMENT, "engineering").path()).isEqualTo("/engineering");
            assertThat(repository().hasChildren(org.id(), DEPARTMENT, engineering.key())).isFalse();
            assertThat(repository().heightBelow(org.id(), DEPARTMENT, "/platform")).isEqualTo(3);
            return null;
        });
        assertThat(paths(org.id(), Filter.ALL, 2)).containsExactly("/engineering", "/platform",
                "/platform/backend", "/platform/backend/api", "/platform/backend/api/v2");
    }

    @Test
    void members_naming_an_entry_are_found_by_the_kinds_profile_field_up_to_the_limit() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        List<UserId> naming = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            naming.add(naming(world, org, new MemberProfile(null, null, "engineering", null, "engineering", null,
                    null, null, null, null, Map.of(), null)));
        }
        naming(world, org, new MemberProfile(null, null, "sales", "engineering", null, null, null, null, null, null,
                Map.of(), null));
        naming(world, other, new MemberProfile(null, null, "engineering", null, null, null, null, null, null, null,
                Map.of(), null));
        List<UserId> byUserId = naming.stream().sorted().toList();
        MasterDataKey engineering = MasterDataKey.of("engineering");

        assertThat(members(org.id(), DEPARTMENT, engineering, 10)).containsExactlyElementsOf(byUserId);
        assertThat(members(org.id(), DEPARTMENT, engineering, 2)).containsExactlyElementsOf(byUserId.subList(0, 2));
        assertThat(members(org.id(), JOB_TITLE, engineering, 10)).containsExactlyElementsOf(byUserId);
        assertThat(members(org.id(), LOCATION, engineering, 10)).hasSize(1);
        assertThat(members(org.id(), MasterDataKind.COST_CENTER, engineering, 10)).isEmpty();
    }

    private MasterDataNode save(OrgId orgId, MasterDataKind kind, String key, MasterDataNode parent) {
        PortFixture world = fixture();
        return world.inOrg(orgId, () -> repository().save(MasterDataNode.create(orgId, kind, MasterDataKey.of(key),
                key.toUpperCase(), parent, null, world.now())));
    }

    private void delete(OrgId orgId, MasterDataKind kind, MasterDataKey key) {
        fixture().inOrg(orgId, () -> {
            repository().delete(orgId, kind, key);
            return null;
        });
    }

    private MasterDataNode find(OrgId orgId, MasterDataKind kind, String key) {
        return repository().find(orgId, kind, MasterDataKey.of(key)).orElseThrow();
    }

    private List<String> paths(OrgId orgId, Filter filter, int pageSize) {
        List<String> paths = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        while (request != null) {
            PageRequest current = request;
            Page<MasterDataNode> page = fixture().inOrg(orgId, () -> repository().list(orgId, DEPARTMENT, filter,
                    current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            page.items().forEach(node -> paths.add(node.path()));
            request = page.nextCursor() == null ? null : new PageRequest(pageSize, page.nextCursor());
        }
        return paths;
    }

    private List<UserId> members(OrgId orgId, MasterDataKind kind, MasterDataKey key, int limit) {
        return fixture().inOrg(orgId, () -> repository().membersNaming(orgId, kind, key, limit)).stream()
                .map(OrgMember::userId).toList();
    }

    private static UserId naming(PortFixture world, Organization org, MemberProfile profile) {
        UserId userId = world.newMember(org, "member");
        world.inOrg(org.id(), () -> {
            OrgMember member = world.orgMembers().find(org.id(), userId).orElseThrow();
            member.changeProfile(profile, world.now());
            return world.orgMembers().save(member);
        });
        return userId;
    }
}
