package circles.application.service.org;

import circles.application.InMemoryCircles;
import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.in.org.OrgView;
import circles.application.port.in.org.UpdateOrgUseCase;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.Slug;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();

    private static CreateOrgUseCase.Command acme(String... admins) {
        return new CreateOrgUseCase.Command("Acme", new Slug("acme"),
                List.of(admins).stream().map(UserId::of).toList());
    }

    @Test
    void platform_admin_creates_an_org_whose_listed_users_become_admins() {
        circles.asPlatformAdmin("root");

        OrgView view = circles.orgs.create(acme("ana", "bo", "ana"));

        OrgId orgId = view.org().id();
        assertThat(view.org().name()).isEqualTo("Acme");
        assertThat(view.memberCount()).isEqualTo(2);
        assertThat(circles.orgMember(orgId, "ana")).get().extracting(OrgMember::role).isEqualTo(OrgRole.ADMIN);
        assertThat(circles.orgMember(orgId, "bo")).get().satisfies(member -> {
            assertThat(member.role()).isEqualTo(OrgRole.ADMIN);
            assertThat(member.isActive()).isTrue();
        });
        assertThat(circles.orgMember(orgId, "root")).isEmpty();
        assertThat(circles.db.users()).containsKeys(UserId.of("ana"), UserId.of("bo"));
        assertThat(circles.db.auditEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("org.created");
            assertThat(event.orgId()).isEqualTo(orgId);
            assertThat(event.actorId()).isEqualTo(UserId.of("root"));
            assertThat(event.summary()).containsEntry("adminUserIds", List.of("ana", "bo"));
        });
    }

    @Test
    void only_platform_admins_create_orgs() {
        circles.as("ana");

        assertThatThrownBy(() -> circles.orgs.create(acme("ana"))).isInstanceOf(NotAllowed.class);

        circles.asPlatformAdmin("root");
        assertThat(circles.orgs.list(null, PageRequest.first(10)).items()).isEmpty();
        assertThat(circles.db.auditEvents()).isEmpty();
    }

    @Test
    void org_slugs_are_unique() {
        circles.org("acme", "ana");
        circles.asPlatformAdmin("root");

        assertThatThrownBy(() -> circles.orgs.create(acme("bo")))
                .isInstanceOfSatisfying(Conflict.class, conflict ->
                        assertThat(conflict.code()).isEqualTo("org-slug-taken"));
    }

    @Test
    void an_org_does_not_exist_for_outsiders() {
        OrgId acme = circles.org("acme", "ana");
        circles.as("eve");

        assertThatThrownBy(() -> circles.orgs.get(acme)).isInstanceOf(NotFound.class);
        assertThat(circles.orgs.list(null, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void everyone_lists_their_own_orgs_and_platform_admins_list_all() {
        OrgId acme = circles.org("acme", "ana");
        circles.org("globex", "bo");

        circles.as("ana");
        assertThat(circles.orgs.list(null, PageRequest.first(10)).items())
                .extracting(view -> view.org().id()).containsExactly(acme);

        circles.asPlatformAdmin("root");
        assertThat(circles.orgs.list(null, PageRequest.first(10)).items()).hasSize(2);
        assertThat(circles.orgs.list("glob", PageRequest.first(10)).items())
                .extracting(view -> view.org().slug().value()).containsExactly("globex");
    }

    @Test
    void admins_rename_their_org() {
        OrgId acme = circles.org("acme", "ana");
        circles.as("ana");

        // A new org is stored at version 1, as the database stores it.
        OrgView renamed = circles.orgs.update(new UpdateOrgUseCase.Command(acme, 1L, "Acme Corp",
                new Slug("acme-corp")));

        assertThat(renamed.org().name()).isEqualTo("Acme Corp");
        assertThat(renamed.org().version()).isEqualTo(2);
        assertThat(circles.db.auditEvents()).extracting(AuditEvent::action).containsExactly("org.created",
                "org.updated");
    }

    @Test
    void a_stale_expected_version_is_a_version_conflict() {
        OrgId acme = circles.org("acme", "ana");
        circles.as("ana");
        circles.orgs.update(new UpdateOrgUseCase.Command(acme, 1L, "Acme Corp", null));

        assertThatThrownBy(() -> circles.orgs.update(new UpdateOrgUseCase.Command(acme, 1L, "Acme Inc", null)))
                .isInstanceOf(VersionConflict.class);
        assertThat(circles.orgRepository.findById(acme)).get()
                .satisfies(org -> assertThat(org.name()).isEqualTo("Acme Corp"));
    }

    @Test
    void plain_members_cannot_rename_the_org() {
        OrgId acme = circles.org("acme", "ana");
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("bo");

        assertThatThrownBy(() -> circles.orgs.update(new UpdateOrgUseCase.Command(acme, null, "Mine", null)))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void renaming_to_a_taken_slug_is_a_conflict() {
        OrgId acme = circles.org("acme", "ana");
        circles.org("globex", "bo");
        circles.as("ana");

        assertThatThrownBy(() -> circles.orgs.update(new UpdateOrgUseCase.Command(acme, null, null,
                new Slug("globex")))).isInstanceOf(Conflict.class);
    }
}
