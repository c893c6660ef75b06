package circles.adapter.in.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode user() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id": "u-1", "userName": "ana", "active": true,
                 "name": {"givenName": "Ana", "familyName": "Lima"},
                 "emails": [{"value": "ana@example.com", "type": "work", "primary": true},
                            {"value": "ana@home.org", "type": "home"}],
                 "%s": {"department": "eng"}}""".formatted(ScimSchemas.ENTERPRISE_USER));
    }

    private static ObjectNode patched(String operations) throws Exception {
        ObjectNode user = user();
        PatchOperations.apply(user, PatchOperations.parse((ObjectNode) JSON.readTree("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": %s}"""
                .formatted(operations))), ScimSchemas.USER, List.of(ScimSchemas.ENTERPRISE_USER));
        return user;
    }

    @Test
    void entra_style_operations_with_capitalised_names_and_string_booleans() throws Exception {
        ObjectNode user = patched("""
                [{"op": "Replace", "path": "active", "value": "False"},
                 {"op": "Add", "path": "%1$s:manager", "value": "boss-1"},
                 {"op": "Replace", "path": "%1$s:department", "value": "sales"}]"""
                .formatted(ScimSchemas.ENTERPRISE_USER));

        assertThat(user.get("active").asText()).isEqualTo("False");
        JsonNode enterprise = user.get(ScimSchemas.ENTERPRISE_USER);
        assertThat(enterprise.get("manager").asText()).isEqualTo("boss-1");
        assertThat(enterprise.get("department").asText()).isEqualTo("sales");
    }

    @Test
    void value_filtered_paths_replace_and_remove_only_matching_values() throws Exception {
        ObjectNode user = patched("""
                [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "ana@corp.example"},
                 {"op": "remove", "path": "emails[type eq \\"home\\"]"}]""");

        assertThat(user.get("emails")).hasSize(1);
        assertThat(user.get("emails").get(0).get("value").asText()).isEqualTo("ana@corp.example");
        assertThat(user.get("emails").get(0).get("primary").asBoolean()).isTrue();
    }

    @Test
    void a_filtered_replace_without_a_match_creates_the_value_from_the_filter() throws Exception {
        ObjectNode user = patched("""
                [{"op": "replace", "path": "phoneNumbers[type eq \\"mobile\\"].value", "value": "+1 555 0100"}]""");

        assertThat(user.get("phoneNumbers").get(0).get("type").asText()).isEqualTo("mobile");
        assertThat(user.get("phoneNumbers").get(0).get("value").asText()).isEqualTo("+1 555 0100");
    }

    @Test
    void operations_without_a_path_merge_attributes_including_extensions_and_dotted_names() throws Exception {
        ObjectNode user = patched("""
                [{"op": "replace", "value": {"displayName": "Ana L.", "name.familyName": "Lima-Souza",
                  "%s": {"costCenter": "cc-7"}}}]""".formatted(ScimSchemas.ENTERPRISE_USER));

        assertThat(user.get("displayName").asText()).isEqualTo("Ana L.");
        assertThat(user.get("name").get("givenName").asText()).isEqualTo("Ana");
        assertThat(user.get("name").get("familyName").asText()).isEqualTo("Lima-Souza");
        assertThat(user.get(ScimSchemas.ENTERPRISE_USER).get("costCenter").asText()).isEqualTo("cc-7");
        assertThat(user.get(ScimSchemas.ENTERPRISE_USER).get("department").asText()).isEqualTo("eng");
    }

    @Test
    void add_appends_to_multi_valued_attributes_and_remove_deletes() throws Exception {
        ObjectNode user = patched("""
                [{"op": "add", "path": "emails", "value": [{"value": "ana@third.example", "type": "other"}]},
                 {"op": "remove", "path": "name.givenName"},
                 {"op": "remove", "path": "%s:department"}]""".formatted(ScimSchemas.ENTERPRISE_USER));

        assertThat(user.get("emails")).hasSize(3);
        assertThat(user.get("name").has("givenName")).isFalse();
        assertThat(user.get(ScimSchemas.ENTERPRISE_USER).has("department")).isFalse();
    }

    @Test
    void malformed_requests_are_refused() {
        assertThatThrownBy(() -> patched("[{\"op\": \"move\", \"path\": \"x\"}]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidSyntax"));
        assertThatThrownBy(() -> patched("[{\"op\": \"remove\"}]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("noTarget"));
        assertThatThrownBy(() -> patched("[{\"op\": \"replace\", \"path\": \"id\", \"value\": \"u-2\"}]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("mutability"));
        assertThatThrownBy(() -> patched("[]")).isInstanceOf(ScimException.class);
    }

    @Test
    void group_patches_become_member_steps_that_name_only_the_members_concerned() throws Exception {
        var operations = PatchOperations.parse((ObjectNode) JSON.readTree("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "Add", "path": "members", "value": [{"value": "u-1"}, {"value": "u-2"}]},
                  {"op": "Remove", "path": "members[value eq \\"u-3\\"]"},
                  {"op": "Remove", "path": "members", "value": [{"value": "u-4"}]},
                  {"op": "Replace", "path": "displayName", "value": "Renamed"}]}"""));

        var command = ScimGroupsResource.translate(new circles.domain.org.OrgId(java.util.UUID.randomUUID()),
                new circles.domain.group.GroupId(java.util.UUID.randomUUID()), null, operations);

        assertThat(command.displayName()).isEqualTo("Renamed");
        assertThat(command.steps()).hasSize(3);
        assertThat(command.steps().get(0).userIds()).extracting(Object::toString).containsExactly("u-1", "u-2");
        assertThat(command.steps().get(1).userIds()).extracting(Object::toString).containsExactly("u-3");
        assertThat(command.steps().get(2).userIds()).extracting(Object::toString).containsExactly("u-4");
    }
}
