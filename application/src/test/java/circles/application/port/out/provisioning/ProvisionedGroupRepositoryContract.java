package circles.application.port.out.provisioning;

import circles.application.port.out.provisioning.ProvisionedGroupRepository.MemberRef;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.Visibility;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.provisioning.ProvisionedGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static circles.application.port.out.shared.PortFixture.someUser;
import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link ProvisionedGroupRepository} rely on: the static groups of an org (and nothing else) found
 * with their externalId and listed in id order, as the database orders UUIDs (that of their text); member changes
 * that name only the members concerned, report exactly those they changed, take in only members of the org, and move
 * the member-list version; direct members in userId order with their display names. Served only by PostgreSQL: there
 * is no in-memory SCIM store, so only the adapter test extends this contract.
 */
public abstract class ProvisionedGroupRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract ProvisionedGroupRepository repository();

    @Test
    void a_static_group_of_the_org_is_found_with_its_external_id_and_no_other_group_is() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Provisioned"), null, Visibility.ORGANIZATION);
        Group dynamic = world.newDynamicGroup(org.id(), "Computed");
        try {
            ProvisionedGroup found = world.inOrg(org.id(), () -> repository().find(org.id(), group.id()))
                    .orElseThrow();
            assertThat(found.group().id()).isEqualTo(group.id());
            assertThat(found.externalId()).isNull();

            world.inOrg(org.id(), () -> repository().saveExternalId(org.id(), group.id(), "ext-42"));
            assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), group.id())).orElseThrow()
                    .externalId()).isEqualTo("ext-42");
            world.inOrg(org.id(), () -> repository().saveExternalId(org.id(), group.id(), null));
            assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), group.id())).orElseThrow()
                    .externalId()).isNull();

            assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), dynamic.id()))).isEmpty();
            assertThat(world.inOrg(other.id(), () -> repository().find(other.id(), group.id()))).isEmpty();
        } finally {
            world.deleteGroups(org.id(), List.of(dynamic.id()));
        }
    }

    @Test
    void member_changes_report_exactly_the_members_they_changed_and_move_the_member_list_version() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        UserId a = member(world, org.id(), prefix + "-a", "Ana");
        UserId b = member(world, org.id(), prefix + "-b", "Ben");
        UserId c = member(world, org.id(), prefix + "-c", null);
        UserId stranger = someUser("stranger");
        Group group = world.newGroup(org.id(), unique("Provisioned"), null, Visibility.ORGANIZATION);
        long before = version(world, org.id(), group.id());

        assertThat(change(world, org.id(), () -> repository().addMembers(group, List.of(b, a, stranger),
                world.now()))).as("members of the org only").containsExactlyInAnyOrder(a, b);
        long afterAdding = version(world, org.id(), group.id());
        assertThat(afterAdding).isGreaterThan(before);
        assertThat(change(world, org.id(), () -> repository().addMembers(group, List.of(b, c), world.now())))
                .containsExactly(c);
        assertThat(allMembers(world, org.id(), group.id())).containsExactly(new MemberRef(a, "Ana"),
                new MemberRef(b, "Ben"), new MemberRef(c, null));

        assertThat(change(world, org.id(), () -> repository().removeMembers(group.id(), List.of(a, stranger))))
                .containsExactly(a);
        assertThat(change(world, org.id(), () -> repository().removeMembers(group.id(), List.of(a)))).isEmpty();
        assertThat(change(world, org.id(), () -> repository().retainOnly(group.id(), List.of(c)))).containsExactly(b);
        assertThat(version(world, org.id(), group.id())).isGreaterThan(afterAdding);
        assertThat(allMembers(world, org.id(), group.id())).extracting(MemberRef::userId).containsExactly(c);
        assertThat(change(world, org.id(), () -> repository().retainOnly(group.id(), List.of()))).containsExactly(c);
        assertThat(allMembers(world, org.id(), group.id())).isEmpty();
    }

    @Test
    void the_static_groups_of_an_org_are_listed_by_id_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        List<GroupId> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(world.newGroup(org.id(), unique("Static"), null, Visibility.PRIVATE).id());
        }
        Group dynamic = world.newDynamicGroup(org.id(), "Computed");
        world.newGroup(world.newOrg().id(), unique("Elsewhere"), null, Visibility.PRIVATE);
        try {
            List<GroupId> listed = new ArrayList<>();
            PageRequest request = PageRequest.first(2);
            while (request != null) {
                PageRequest current = request;
                Page<ProvisionedGroup> page = world.inOrg(org.id(), () -> repository().list(org.id(), current));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(group -> listed.add(group.group().id()));
                request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            }
            assertThat(listed).containsExactlyElementsOf(groups.stream()
                    .sorted(Comparator.comparing(id -> id.value().toString())).toList());
        } finally {
            world.deleteGroups(org.id(), List.of(dynamic.id()));
        }
    }

    private static UserId member(PortFixture world, OrgId orgId, String id, String displayName) {
        UserId userId = new UserId(id);
        world.inOrg(orgId, () -> {
            world.users().ensureExist(List.of(userId));
            world.orgMembers().save(OrgMember.join(orgId, userId, OrgRole.MEMBER,
                    MemberProfile.named(null, displayName), world.now()));
        });
        return userId;
    }

    private static List<UserId> change(PortFixture world, OrgId orgId, java.util.function.Supplier<List<UserId>> work) {
        return world.inOrg(orgId, work);
    }

    private long version(PortFixture world, OrgId orgId, GroupId groupId) {
        return world.inOrg(orgId, () -> repository().find(orgId, groupId)).orElseThrow().membersVersion();
    }

    private List<MemberRef> allMembers(PortFixture world, OrgId orgId, GroupId groupId) {
        List<MemberRef> found = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<MemberRef> page = world.inOrg(orgId, () -> repository().members(groupId, current));
            found.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        return found;
    }
}
