package circles.application.port.out.org;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.Slug;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link OrgRepository} rely on, whichever storage serves it: orgs stored versioned from version 1,
 * slugs unique, and lists by name page by page.
 */
public abstract class OrgRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract OrgRepository repository();

    @Test
    void a_new_org_is_stored_at_version_1_and_each_update_raises_it() {
        PortFixture world = fixture();
        Organization created = world.newOrg();
        assertThat(created.version()).isEqualTo(1);

        Organization found = world.inOrg(created.id(), () -> repository().findById(created.id())).orElseThrow();
        assertThat(found.name()).isEqualTo(created.name());
        assertThat(found.slug()).isEqualTo(created.slug());
        assertThat(found.createdAt()).isEqualTo(created.createdAt());

        Organization renamed = world.inOrg(created.id(), () -> {
            Organization org = repository().findById(created.id()).orElseThrow();
            org.rename("Renamed", world.now());
            return repository().save(org);
        });
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(world.inOrg(created.id(), () -> repository().findById(created.id())).orElseThrow().name())
                .isEqualTo("Renamed");
        OrgId missing = new OrgId(UUID.randomUUID());
        assertThat(world.inOrg(missing, () -> repository().findById(missing))).isEmpty();
    }

    @Test
    void saving_a_stale_copy_is_a_version_conflict_and_changes_nothing() {
        PortFixture world = fixture();
        Organization created = world.newOrg();
        Organization stale = world.inOrg(created.id(), () -> repository().findById(created.id())).orElseThrow();
        world.inOrg(created.id(), () -> {
            Organization fresh = repository().findById(created.id()).orElseThrow();
            fresh.rename("First", world.now());
            return repository().save(fresh);
        });

        stale.rename("Second", world.now());
        assertThatThrownBy(() -> world.inOrg(created.id(), () -> repository().save(stale)))
                .isInstanceOf(VersionConflict.class)
                .hasMessageContaining("version 2, not 1");
        assertThat(world.inOrg(created.id(), () -> repository().findById(created.id())).orElseThrow().name())
                .isEqualTo("First");
    }

    @Test
    void a_taken_slug_is_a_conflict_even_past_the_use_case_check() {
        PortFixture world = fixture();
        Organization first = world.newOrg();
        assertThat(world.inTransaction(() -> repository().slugTaken(first.slug(), null))).isTrue();
        assertThat(world.inTransaction(() -> repository().slugTaken(first.slug(), first.id()))).isFalse();
        assertThat(world.inTransaction(() -> repository().slugTaken(new Slug(unique("free")), null))).isFalse();

        Organization copy = Organization.create("Copy", first.slug(), world.now());
        assertThatThrownBy(() -> world.inOrg(copy.id(), () -> repository().save(copy)))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("org-slug-taken"));
    }

    @Test
    void lists_the_orgs_of_a_member_by_name_ignoring_case_page_by_page() {
        PortFixture world = fixture();
        UserId member = PortFixture.someUser("lister");
        String tag = unique("tag");
        List<Organization> created = new ArrayList<>();
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            Organization org = world.inTransaction(() -> repository().save(Organization.create(name + " " + tag,
                    new Slug(unique(name.toLowerCase())), world.now())));
            world.newOrgMember(org.id(), member, OrgRole.MEMBER);
            created.add(org);
        }
        world.newOrg();

        List<String> names = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<Organization> page = world.inTransaction(() -> repository().list(member, null, current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(org -> names.add(org.name()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("Alpha " + tag, "Bravo " + tag, "charlie " + tag, "delta " + tag,
                "echo " + tag);

        assertThat(world.inTransaction(() -> repository().list(null, "CHARLIE " + tag, PageRequest.first(10)))
                .items()).extracting(Organization::name).containsExactly("charlie " + tag);
        assertThat(world.inTransaction(() -> repository().memberCount(created.getFirst().id()))).isEqualTo(1);
        assertThat(world.inTransaction(() -> repository().list(PortFixture.someUser("loner"), null,
                PageRequest.first(10))).items()).isEmpty();
    }

    @Test
    void a_cursor_this_list_did_not_issue_is_invalid_input() {
        PortFixture world = fixture();
        assertThatThrownBy(() -> world.inTransaction(() -> repository().list(null, null,
                new PageRequest(5, "bm90LWEtY3Vyc29y")))).isInstanceOf(InvalidInput.class);
    }
}
