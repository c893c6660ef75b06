package circles.application.port.out.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.shared.Conflict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link ProvisionedUserRepository} rely on: a member's identity saved whole and replaced, read with
 * the member in its own org only; a userName (ignoring case) held by one member of an org at a time; members found by
 * userName, or by userId while they have no identity; the org's members listed in userId order page by page; a member
 * the provider deleted out of its view, its userName free, until its identity is saved again. Served
 * only by PostgreSQL: there is no in-memory SCIM store, so only the adapter test extends this contract.
 */
public abstract class ProvisionedUserRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract ProvisionedUserRepository repository();

    @Test
    void an_identity_is_saved_whole_replaced_and_read_with_its_member_in_its_org_only() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId ana = world.newMember(org, "ana");
        UserId plain = world.newMember(org, "plain");
        String userName = unique("Ana.Lopez") + "@acme.example";
        ProvisionedIdentity identity = new ProvisionedIdentity(userName, "ext-1", Map.of("name",
                Map.of("givenName", "Ana", "familyName", "López"), "phoneNumbers", List.of(Map.of("value", "+1"))));
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ana, identity));

        ProvisionedUser found = world.inOrg(org.id(), () -> repository().find(org.id(), ana)).orElseThrow();
        assertThat(found.member().userId()).isEqualTo(ana);
        assertThat(found.identity()).isEqualTo(identity);
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), plain)).orElseThrow().identity())
                .as("a member never provisioned").isNull();
        assertThat(world.inOrg(other.id(), () -> repository().find(other.id(), ana))).isEmpty();

        ProvisionedIdentity replaced = new ProvisionedIdentity(userName, null, Map.of());
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ana, replaced));
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), ana)).orElseThrow().identity())
                .isEqualTo(replaced);
    }

    @Test
    void a_user_name_belongs_to_one_member_of_an_org_whatever_its_case() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId ana = world.newMember(org, "ana");
        UserId ben = world.newMember(org, "ben");
        UserId elsewhere = world.newMember(other, "elsewhere");
        String userName = unique("shared") + "@acme.example";
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ana, new ProvisionedIdentity(userName, null,
                Map.of())));

        assertThatThrownBy(() -> world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ben,
                new ProvisionedIdentity(userName.toUpperCase(), null, Map.of())))).isInstanceOf(Conflict.class);
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), ben)).orElseThrow().identity())
                .isNull();
        world.inOrg(other.id(), () -> repository().saveIdentity(other.id(), elsewhere,
                new ProvisionedIdentity(userName, null, Map.of())));
        assertThat(world.inOrg(other.id(), () -> repository().find(other.id(), elsewhere)).orElseThrow()
                .identity().userName()).isEqualTo(userName);
    }

    @Test
    void members_are_found_by_user_name_or_by_user_id_while_they_have_no_identity() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String name = unique("pat") + "@acme.example";
        UserId byName = world.newMember(org, "by-name");
        UserId sameIdAsName = new UserId(name.toUpperCase());
        world.newOrgMember(org.id(), sameIdAsName, OrgRole.MEMBER);
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), byName, new ProvisionedIdentity(name, null,
                Map.of())));

        assertThat(world.inOrg(org.id(), () -> repository().withUserName(org.id(), name.toUpperCase())))
                .extracting(user -> user.member().userId()).containsExactlyInAnyOrder(byName, sameIdAsName);
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), sameIdAsName,
                new ProvisionedIdentity(unique("other") + "@acme.example", null, Map.of())));
        assertThat(world.inOrg(org.id(), () -> repository().withUserName(org.id(), name)))
                .as("a member with an identity is found by its userName only")
                .extracting(user -> user.member().userId()).containsExactly(byName);
        assertThat(world.inOrg(org.id(), () -> repository().withUserName(org.id(), unique("nobody")))).isEmpty();
    }

    @Test
    void the_orgs_members_are_listed_in_user_id_order_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        List<UserId> members = new ArrayList<>();
        for (String suffix : List.of("-c", "-a", "-e", "-b", "-d")) {
            UserId userId = new UserId(prefix + suffix);
            world.newOrgMember(org.id(), userId, OrgRole.MEMBER);
            members.add(userId);
        }
        world.newMember(world.newOrg(), "elsewhere");

        List<UserId> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<ProvisionedUser> page = world.inOrg(org.id(), () -> repository().list(org.id(), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(user -> listed.add(user.member().userId()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(listed).containsExactlyElementsOf(members.stream().sorted().toList());
    }

    @Test
    void a_member_the_provider_deleted_is_out_of_its_view_with_its_user_name_free_until_saved_again() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId ana = world.newMember(org, "ana");
        UserId ben = world.newMember(org, "ben");
        String userName = unique("ana") + "@acme.example";
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ana, new ProvisionedIdentity(userName,
                "ext-ana", Map.of())));

        world.inOrg(org.id(), () -> repository().markDeleted(org.id(), ana, world.now()));
        assertThat(world.inOrg(org.id(), () -> repository().isDeleted(org.id(), ana))).isTrue();
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), ana))).isEmpty();
        assertThat(world.inOrg(org.id(), () -> repository().withUserName(org.id(), userName))).isEmpty();
        assertThat(world.inOrg(org.id(), () -> repository().list(org.id(), PageRequest.first(100))).items())
                .extracting(user -> user.member().userId()).doesNotContain(ana).contains(ben);

        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ben, new ProvisionedIdentity(
                userName.toUpperCase(), null, Map.of())));
        assertThat(world.inOrg(org.id(), () -> repository().withUserName(org.id(), userName)))
                .as("the deleted member's userName went to another member")
                .extracting(user -> user.member().userId()).containsExactly(ben);

        String another = unique("ana-again") + "@acme.example";
        world.inOrg(org.id(), () -> repository().saveIdentity(org.id(), ana, new ProvisionedIdentity(another,
                "ext-ana", Map.of())));
        assertThat(world.inOrg(org.id(), () -> repository().isDeleted(org.id(), ana))).isFalse();
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), ana)).orElseThrow().identity().userName())
                .isEqualTo(another);
    }
}
