package circles.application.service.masterdata;

import circles.application.InMemoryCircles;
import circles.application.port.in.masterdata.CreateMasterDataUseCase;
import circles.application.port.in.masterdata.DeleteMasterDataUseCase;
import circles.application.port.in.masterdata.UpdateMasterDataUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static circles.domain.masterdata.MasterDataKind.COST_CENTER;
import static circles.domain.masterdata.MasterDataKind.DEPARTMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterDataServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");

    private MasterDataNode create(MasterDataKind kind, String key, String parentKey) {
        return circles.masterData.create(new CreateMasterDataUseCase.Command(acme, kind, MasterDataKey.of(key),
                key.toUpperCase(), parentKey == null ? null : MasterDataKey.of(parentKey), null));
    }

    private MasterDataNode move(String key, String parentKey) {
        return circles.masterData.update(new UpdateMasterDataUseCase.Command(acme, DEPARTMENT, MasterDataKey.of(key),
                null, null, Optional.ofNullable(parentKey).map(MasterDataKey::of), null));
    }

    private MasterDataNode department(String key) {
        return circles.masterData.get(acme, DEPARTMENT, MasterDataKey.of(key));
    }

    private void setDepartment(String userId, String department) {
        circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of(userId), null, null, null,
                new ProfilePatch(null, null, Optional.of(department), null, null, null, null, null, null, null, null,
                        null)));
    }

    private static String fieldOf(Throwable failure) {
        return ((RuleViolation) failure).errors().stream().map(FieldError::field).findFirst().orElseThrow();
    }

    @Test
    void admins_build_a_tree_that_lists_in_tree_order() {
        circles.as("ana");
        create(DEPARTMENT, "sales", null);
        create(DEPARTMENT, "engineering", null);
        create(DEPARTMENT, "backend", "engineering");
        create(DEPARTMENT, "eng-ops", null);
        create(DEPARTMENT, "api", "backend");

        var listed = circles.masterData.list(acme, DEPARTMENT, MasterDataRepository.Filter.ALL,
                PageRequest.first(50)).items();

        assertThat(listed).extracting(MasterDataNode::path).containsExactly("/eng-ops", "/engineering",
                "/engineering/backend", "/engineering/backend/api", "/sales");
        assertThat(circles.masterData.list(acme, DEPARTMENT, new MasterDataRepository.Filter(
                MasterDataKey.of("engineering"), null), PageRequest.first(50)).items())
                .extracting(node -> node.key().value()).containsExactly("backend");
    }

    @Test
    void a_duplicate_key_is_a_conflict_and_an_unknown_parent_breaks_the_request() {
        circles.as("ana");
        create(DEPARTMENT, "engineering", null);

        assertThatThrownBy(() -> create(DEPARTMENT, "engineering", null)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> create(DEPARTMENT, "backend", "nowhere"))
                .satisfies(failure -> assertThat(fieldOf(failure)).isEqualTo("parentKey"));
        create(COST_CENTER, "engineering", null);
    }

    @Test
    void members_read_and_only_admins_write() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");
        create(DEPARTMENT, "engineering", null);
        circles.as("bo");

        assertThat(department("engineering").name()).isEqualTo("ENGINEERING");
        assertThatThrownBy(() -> create(DEPARTMENT, "sales", null)).isInstanceOf(NotAllowed.class);
        circles.as("stranger");
        assertThatThrownBy(() -> department("engineering")).isInstanceOf(NotFound.class);
    }

    @Test
    void moving_a_node_moves_its_subtree_and_refuses_cycles() {
        circles.as("ana");
        create(DEPARTMENT, "engineering", null);
        create(DEPARTMENT, "backend", "engineering");
        create(DEPARTMENT, "api", "backend");
        create(DEPARTMENT, "platform", null);

        move("backend", "platform");

        assertThat(department("backend").path()).isEqualTo("/platform/backend");
        assertThat(department("api").path()).isEqualTo("/platform/backend/api");
        assertThat(department("api").parentKey()).isEqualTo(MasterDataKey.of("backend"));
        assertThatThrownBy(() -> move("platform", "api")).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.code()).isEqualTo("master-data-cycle");
            assertThat(fieldOf(violation)).isEqualTo("parentKey");
        });
        move("backend", null);
        assertThat(department("api").path()).isEqualTo("/backend/api");
    }

    @Test
    void renaming_keeps_the_key_and_a_stale_version_is_refused() {
        circles.as("ana");
        MasterDataNode created = create(DEPARTMENT, "engineering", null);

        MasterDataNode renamed = circles.masterData.update(new UpdateMasterDataUseCase.Command(acme, DEPARTMENT,
                created.key(), created.version(), "Engineering & Research", null, null));

        assertThat(renamed.name()).isEqualTo("Engineering & Research");
        assertThat(renamed.path()).isEqualTo("/engineering");
        assertThatThrownBy(() -> circles.masterData.update(new UpdateMasterDataUseCase.Command(acme, DEPARTMENT,
                created.key(), created.version(), "Again", null, null))).isInstanceOf(VersionConflict.class);
    }

    @Test
    void a_tree_nodes_manager_is_a_member_of_the_org() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");
        create(DEPARTMENT, "engineering", null);

        MasterDataNode managed = circles.masterData.update(new UpdateMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("engineering"), null, null, null, Optional.of(UserId.of("bo"))));

        assertThat(managed.managerId()).isEqualTo(UserId.of("bo"));
        assertThatThrownBy(() -> circles.masterData.update(new UpdateMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("engineering"), null, null, null, Optional.of(UserId.of("nobody")))))
                .satisfies(failure -> assertThat(fieldOf(failure)).isEqualTo("managerId"));
    }

    @Test
    void an_entry_named_in_profiles_is_deleted_only_with_a_replacement() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy", "dee");
        circles.as("ana");
        create(DEPARTMENT, "engineering", null);
        create(DEPARTMENT, "engneering", null);
        setDepartment("bo", "engneering");
        setDepartment("cy", "engneering");
        setDepartment("dee", "engineering");
        var events = circles.directoryEvents.mark();
        var audit = circles.auditMark();

        assertThatThrownBy(() -> circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("engneering"), null))).isInstanceOfSatisfying(Conflict.class, conflict ->
                assertThat(conflict.code()).isEqualTo("master-data-in-use"));
        var result = circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("engneering"), MasterDataKey.of("engineering")));

        assertThat(result.reassignedMembers()).isEqualTo(2);
        assertThat(circles.orgMember(acme, "bo")).get().extracting(m -> m.profile().department())
                .isEqualTo("engineering");
        assertThat(events.changes()).extracting(change -> change.userId().value()).containsExactly("bo", "cy");
        assertThat(events.changes()).allSatisfy(change ->
                assertThat(change.changedFields()).containsExactly("department"));
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("department.deleted");
            assertThat(event.summary()).containsEntry("reassignedMembers", 2);
        });
        assertThatThrownBy(() -> department("engneering")).isInstanceOf(NotFound.class);
    }

    @Test
    void a_node_with_children_or_an_unknown_replacement_is_not_deleted() {
        circles.as("ana");
        create(DEPARTMENT, "engineering", null);
        create(DEPARTMENT, "backend", "engineering");

        assertThatThrownBy(() -> circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("engineering"), null))).isInstanceOfSatisfying(Conflict.class, conflict ->
                assertThat(conflict.code()).isEqualTo("master-data-has-children"));
        assertThatThrownBy(() -> circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("backend"), MasterDataKey.of("nowhere"))))
                .satisfies(failure -> assertThat(fieldOf(failure)).isEqualTo("reassignTo"));
        assertThatThrownBy(() -> circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("backend"), MasterDataKey.of("backend"))))
                .satisfies(failure -> assertThat(fieldOf(failure)).isEqualTo("reassignTo"));

        circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT, MasterDataKey.of("backend"),
                null));
        circles.masterData.delete(new DeleteMasterDataUseCase.Command(acme, DEPARTMENT,
                MasterDataKey.of("engineering"), null));
    }

    @Test
    void profiles_may_name_keys_that_are_not_master_data() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");

        setDepartment("bo", "Engneering");

        assertThat(circles.orgMember(acme, "bo")).get().extracting(m -> m.profile().department())
                .isEqualTo("Engneering");
    }
}
