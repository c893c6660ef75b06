package circles.adapter.in.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full provisioning flow driven by an independent SCIM client, the UnboundID SCIM 2 SDK, as an identity provider
 * would run it: users with enterprise data, a search by filter, a manager patched in, a group whose members are
 * added and removed with Entra ID-style PATCHes, a user deactivated. Its JAX-RS transport is Quarkus' REST client,
 * which sends PATCH.
 */
@QuarkusTest
class ScimClientProvisioningTest {

    @TestHTTPResource("/scim/v2")
    URI scimBase;

    @Test
    void an_identity_provider_provisions_users_and_groups() throws ScimException {
        ScimOrg org = ScimOrg.create();
        String tag = ScimOrg.unique();
        Client client = ClientBuilder.newClient();
        try {
            ScimService scim = new ScimService(client.target(scimBase).register((ClientRequestFilter) request ->
                    request.getHeaders().putSingle("Authorization", "Bearer " + org.token)));

            assertThat(scim.getServiceProviderConfig().getPatch().isSupported()).isTrue();

            UserResource boss = scim.create("Users", user("boss-" + tag, "Bea", "Boss", "Engineering", null));
            UserResource ana = scim.create("Users", user("ana-" + tag, "Ana", "Lima", "Engineering", null));
            UserResource leo = scim.create("Users", user("leo-" + tag, "Leo", "Park", "Sales", null));
            assertThat(ana.getId()).isEqualTo("ana-" + tag);
            assertThat(ana.getExtension(EnterpriseUserExtension.class).getDepartment()).isEqualTo("Engineering");

            ListResponse<UserResource> engineers = scim.searchRequest("Users")
                    .filter(Filter.and(
                            Filter.eq(Path.root(EnterpriseUserExtension.class).attribute("department"),
                                    TextNode.valueOf("engineering")),
                            Filter.sw("userName", "ana-")))
                    .invoke(UserResource.class);
            assertThat(engineers.getTotalResults()).isEqualTo(1);
            assertThat(engineers.getResources().getFirst().getUserName()).isEqualTo("ana-" + tag + "@example.com");

            UserResource managed = scim.modifyRequest("Users", ana.getId())
                    .replaceValue(Path.root(EnterpriseUserExtension.class).attribute("manager"),
                            new Manager().setValue(boss.getId()))
                    .invoke(UserResource.class);
            assertThat(managed.getExtension(EnterpriseUserExtension.class).getManager().getValue())
                    .isEqualTo(boss.getId());

            GroupResource group = scim.create("Groups", new GroupResource().setDisplayName("Builders " + tag));
            scim.modifyRequest("Groups", group.getId())
                    .addValues("members", new Member().setValue(ana.getId()), new Member().setValue(leo.getId()),
                            new Member().setValue(boss.getId()))
                    .invoke(GroupResource.class);
            assertThat(members(scim, group.getId())).containsExactlyInAnyOrder(ana.getId(), leo.getId(), boss.getId());

            scim.modifyRequest("Groups", group.getId())
                    .removeValues("members[value eq \"" + leo.getId() + "\"]")
                    .invoke(GroupResource.class);
            assertThat(members(scim, group.getId())).containsExactlyInAnyOrder(ana.getId(), boss.getId());

            UserResource deactivated = scim.modifyRequest("Users", leo.getId()).replaceValue("active", false)
                    .invoke(UserResource.class);
            assertThat(deactivated.getActive()).isFalse();

            assertThatThrownBy(() -> scim.create("Users", user("ana-" + tag, "Ana", "Again", "x", null)))
                    .isInstanceOf(ScimException.class);
        } finally {
            client.close();
        }

        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, "ana-" + tag).then()
                .statusCode(200).body("managerId", equalTo("boss-" + tag)).body("department", equalTo("Engineering"))
                .body("customAttributes.employeeNumber", equalTo("E-ana-" + tag));
        ScimOrg.asAdmin(org.admin).get("/v1/orgs/{orgId}/members/{userId}", org.id, "leo-" + tag).then()
                .statusCode(200).body("status", equalTo("deactivated"));
    }

    private static List<String> members(ScimService scim, String groupId) throws ScimException {
        GroupResource group = scim.retrieve("Groups", groupId, GroupResource.class);
        return group.getMembers() == null ? List.of()
                : group.getMembers().stream().map(Member::getValue).toList();
    }

    private static UserResource user(String subject, String given, String family, String department,
                                     String managerId) {
        UserResource user = new UserResource()
                .setUserName(subject + "@example.com")
                .setName(new Name().setGivenName(given).setFamilyName(family))
                .setDisplayName(given + " " + family)
                .setTitle("Engineer")
                .setActive(true)
                .setEmails(new Email().setValue(subject + "@example.com").setType("work").setPrimary(true));
        user.setExternalId(subject);
        EnterpriseUserExtension enterprise = new EnterpriseUserExtension().setDepartment(department)
                .setCostCenter("cc-1").setEmployeeNumber("E-" + subject).setOrganization("Acme").setDivision("R&D");
        if (managerId != null) {
            enterprise.setManager(new Manager().setValue(managerId));
        }
        user.setExtension(enterprise);
        return user;
    }
}
