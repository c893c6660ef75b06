package circles.adapter.out.persistence.masterdata;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.VersionConflict;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static circles.domain.masterdata.MasterDataKind.DEPARTMENT;
import static circles.domain.masterdata.MasterDataKind.JOB_TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class MasterDataRepositoryTest extends PersistenceTest {
    @Inject
    MasterDataRepository masterData;

    private Organization org;

    @BeforeEach
    void anOrg() {
        org = newOrg();
    }

    private MasterDataNode node(MasterDataKind kind, String key, MasterDataNode parent) {
        return tx(() -> masterData.save(MasterDataNode.create(org.id(), kind, MasterDataKey.of(key),
                key.toUpperCase(), parent, null, now())));
    }

    private MasterDataNode find(String key) {
        return tx(() -> masterData.find(org.id(), DEPARTMENT, MasterDataKey.of(key))).orElseThrow();
    }

    private List<String> paths(MasterDataRepository.Filter filter, int pageSize) {
        List<String> paths = new ArrayList<>();
        String cursor = null;
        do {
            PageRequest request = new PageRequest(pageSize, cursor);
            Page<MasterDataNode> page = tx(() -> masterData.list(org.id(), DEPARTMENT, filter, request));
            page.items().forEach(node -> paths.add(node.path()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return paths;
    }

    @Test
    void a_node_is_stored_and_read_back_as_it_was_saved() {
        UserId manager = user("manager");
        newOrgMember(org.id(), manager, OrgRole.MEMBER);
        MasterDataNode engineering = node(DEPARTMENT, "engineering", null);
        MasterDataNode saved = tx(() -> masterData.save(MasterDataNode.create(org.id(), DEPARTMENT,
                MasterDataKey.of("backend"), "Backend", engineering, manager, now())));

        assertThat(saved.version()).isEqualTo(1);
        MasterDataNode read = find("backend");
        assertThat(read.path()).isEqualTo("/engineering/backend");
        assertThat(read.parentKey()).isEqualTo(MasterDataKey.of("engineering"));
        assertThat(read.managerId()).isEqualTo(manager);
        assertThat(read.createdAt()).isEqualTo(saved.createdAt());
    }

    @Test
    void the_list_is_in_tree_order_on_every_page_even_where_keys_share_a_prefix() {
        MasterDataNode eng = node(DEPARTMENT, "eng", null);
        node(DEPARTMENT, "eng-ops", null);
        MasterDataNode backend = node(DEPARTMENT, "backend", eng);
        node(DEPARTMENT, "api", backend);
        node(DEPARTMENT, "a-team", eng);
        node(DEPARTMENT, "sales", null);
        node(JOB_TITLE, "engineer", null);

        List<String> expected = List.of("/eng", "/eng/a-team", "/eng/backend", "/eng/backend/api", "/eng-ops",
                "/sales");
        assertThat(paths(MasterDataRepository.Filter.ALL, 50)).containsExactlyElementsOf(expected);
        assertThat(paths(MasterDataRepository.Filter.ALL, 2)).containsExactlyElementsOf(expected);
        assertThat(paths(new MasterDataRepository.Filter(MasterDataKey.of("eng"), null), 1))
                .containsExactly("/eng/a-team", "/eng/backend");
        assertThat(paths(new MasterDataRepository.Filter(null, "OPS"), 50)).containsExactly("/eng-ops");
    }

    @Test
    void moving_a_subtree_rewrites_the_paths_below_it() {
        MasterDataNode eng = node(DEPARTMENT, "engineering", null);
        MasterDataNode platform = node(DEPARTMENT, "platform", null);
        MasterDataNode backend = node(DEPARTMENT, "backend", eng);
        node(DEPARTMENT, "api", backend);
        node(DEPARTMENT, "v2", find("api"));

        assertThat(tx(() -> masterData.heightBelow(org.id(), DEPARTMENT, "/engineering/backend"))).isEqualTo(2);
        inTx(() -> {
            MasterDataNode moving = masterData.find(org.id(), DEPARTMENT, MasterDataKey.of("backend")).orElseThrow();
            String old = moving.moveUnder(platform, 2, now());
            MasterDataNode saved = masterData.save(moving);
            masterData.relocateDescendants(org.id(), DEPARTMENT, old, saved.path(), now());
        });

        assertThat(find("backend").path()).isEqualTo("/platform/backend");
        assertThat(find("api").path()).isEqualTo("/platform/backend/api");
        assertThat(find("v2").path()).isEqualTo("/platform/backend/api/v2");
        assertThat(find("v2").version()).isEqualTo(2);
        assertThat(find("engineering").path()).isEqualTo("/engineering");
        assertThat(tx(() -> masterData.hasChildren(org.id(), DEPARTMENT, MasterDataKey.of("engineering"))))
                .isFalse();
    }

    @Test
    void a_duplicate_key_a_stale_version_and_deleting_a_parent_are_refused() {
        MasterDataNode eng = node(DEPARTMENT, "engineering", null);
        node(DEPARTMENT, "backend", eng);

        assertThatThrownBy(() -> node(DEPARTMENT, "engineering", null)).isInstanceOf(Conflict.class);
        MasterDataNode first = find("engineering");
        inTx(() -> {
            first.rename("Engineering & Research", now());
            masterData.save(first);
        });
        assertThatThrownBy(() -> inTx(() -> {
            first.rename("Stale", now());
            masterData.save(first);
        })).isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> inTx(() -> masterData.delete(org.id(), DEPARTMENT, MasterDataKey.of("engineering"))))
                .isInstanceOf(Conflict.class);
        assertThat(find("engineering").name()).isEqualTo("Engineering & Research");
    }

    @Test
    void members_naming_a_key_are_found_by_the_kinds_profile_field() {
        UserId bo = user("bo");
        UserId cy = user("cy");
        for (UserId id : List.of(bo, cy)) {
            newOrgMember(org.id(), id, OrgRole.MEMBER);
        }
        inTx(() -> {
            OrgMember member = orgMembers.find(org.id(), bo).orElseThrow();
            member.changeProfile(new MemberProfile(null, null, "engineering", null, "engineering", null, null, null,
                    null, null, Map.of(), null), now());
            orgMembers.save(member);
        });

        assertThat(tx(() -> masterData.membersNaming(org.id(), DEPARTMENT, MasterDataKey.of("engineering"), 10)))
                .extracting(OrgMember::userId).containsExactly(bo);
        assertThat(tx(() -> masterData.membersNaming(org.id(), JOB_TITLE, MasterDataKey.of("engineering"), 10)))
                .extracting(OrgMember::userId).containsExactly(bo);
        assertThat(tx(() -> masterData.membersNaming(org.id(), MasterDataKind.LOCATION,
                MasterDataKey.of("engineering"), 10))).isEmpty();
    }

    @Test
    void a_node_loses_its_manager_when_the_manager_leaves_the_org() {
        UserId manager = user("manager");
        newOrgMember(org.id(), manager, OrgRole.MEMBER);
        inTx(() -> masterData.save(MasterDataNode.create(org.id(), DEPARTMENT, MasterDataKey.of("sales"), "Sales",
                null, manager, now())));

        inTx(() -> orgMembers.delete(org.id(), manager));

        assertThat(find("sales").managerId()).isNull();
    }
}
