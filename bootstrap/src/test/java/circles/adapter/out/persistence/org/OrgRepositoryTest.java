package circles.adapter.out.persistence.org;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.Slug;
import circles.domain.shared.VersionConflict;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class OrgRepositoryTest extends PersistenceTest {

    @Test
    void saves_finds_and_updates_an_org_with_a_new_version() {
        Organization created = newOrg();
        assertThat(created.version()).isEqualTo(1);

        Organization found = tx(() -> orgs.findById(created.id()).orElseThrow());
        assertThat(found.name()).isEqualTo(created.name());
        assertThat(found.slug()).isEqualTo(created.slug());
        assertThat(found.createdAt()).isEqualTo(created.createdAt());

        Organization renamed = tx(() -> {
            Organization org = orgs.findById(created.id()).orElseThrow();
            org.rename("Renamed", now());
            return orgs.save(org);
        });
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(tx(() -> orgs.findById(created.id()).orElseThrow()).name()).isEqualTo("Renamed");
    }

    @Test
    void saving_a_stale_copy_is_a_version_conflict() {
        Organization created = newOrg();
        Organization stale = tx(() -> orgs.findById(created.id()).orElseThrow());
        tx(() -> {
            Organization fresh = orgs.findById(created.id()).orElseThrow();
            fresh.rename("First", now());
            return orgs.save(fresh);
        });

        stale.rename("Second", now());
        assertThatThrownBy(() -> tx(() -> orgs.save(stale)))
                .isInstanceOf(VersionConflict.class)
                .hasMessageContaining("version 2, not 1");
        assertThat(tx(() -> orgs.findById(created.id()).orElseThrow()).name()).isEqualTo("First");
    }

    @Test
    void an_update_racing_another_transaction_is_a_version_conflict() {
        Organization created = newOrg();
        assertThatThrownBy(() -> inTx(() -> {
            Organization mine = orgs.findById(created.id()).orElseThrow();
            // Another transaction commits a change after this one read the org.
            tx(() -> {
                Organization theirs = orgs.findById(created.id()).orElseThrow();
                theirs.rename("Theirs", now());
                return orgs.save(theirs);
            });
            mine.rename("Mine", now());
            orgs.save(mine);
        })).isInstanceOf(VersionConflict.class).hasMessageContaining("version 2, not 1");
        assertThat(tx(() -> orgs.findById(created.id()).orElseThrow()).name()).isEqualTo("Theirs");
    }

    @Test
    void a_duplicate_slug_is_a_conflict_even_past_the_use_case_check() {
        Organization first = newOrg();
        assertThat(tx(() -> orgs.slugTaken(first.slug(), null))).isTrue();
        assertThat(tx(() -> orgs.slugTaken(first.slug(), first.id()))).isFalse();

        assertThatThrownBy(() -> tx(() -> orgs.save(Organization.create("Copy", first.slug(), now()))))
                .isInstanceOfSatisfying(Conflict.class, conflict -> assertThat(conflict.code()).isEqualTo("org-slug-taken"));
    }

    @Test
    void lists_the_orgs_of_a_member_page_by_page_by_name() {
        UserId member = user("lister");
        String tag = unique("tag");
        List<Organization> created = new ArrayList<>();
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            Organization org = tx(() -> orgs.save(Organization.create(name + " " + tag, new Slug(unique(name.toLowerCase())), now())));
            newOrgMember(org.id(), member, OrgRole.MEMBER);
            created.add(org);
        }
        newOrg(); // not a member of this one

        List<String> names = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<Organization> page = tx(() -> orgs.list(member, null, current));
            page.items().forEach(org -> names.add(org.name()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("Alpha " + tag, "Bravo " + tag, "charlie " + tag, "delta " + tag,
                "echo " + tag);

        Page<Organization> filtered = tx(() -> orgs.list(null, "CHARLIE " + tag, PageRequest.first(10)));
        assertThat(filtered.items()).extracting(Organization::name).containsExactly("charlie " + tag);
        assertThat(tx(() -> orgs.memberCount(created.getFirst().id()))).isEqualTo(1);
    }

    @Test
    void a_cursor_of_another_list_is_refused() {
        assertThatThrownBy(() -> tx(() -> orgs.list(null, null, new PageRequest(5, "bm90LWEtY3Vyc29y"))))
                .isInstanceOf(InvalidInput.class);
    }
}
