package circles.adapter.in.scim;

import circles.application.port.in.provisioning.DeprovisionUserUseCase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserRepresentationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScimSettings BY_EXTERNAL_ID = new ScimSettings("externalId", "deactivate");
    private static final ScimSettings BY_USER_NAME = new ScimSettings("userName", "delete");

    private static ObjectNode user(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void the_configured_attribute_carries_the_subject() throws Exception {
        ObjectNode user = user("""
                {"userName": "ana@example.com", "externalId": "00u1abc"}""");

        assertThat(UserRepresentation.fromJson(user, BY_EXTERNAL_ID).userId().value()).isEqualTo("00u1abc");
        assertThat(UserRepresentation.fromJson(user, BY_USER_NAME).userId().value()).isEqualTo("ana@example.com");
        assertThat(BY_USER_NAME.userDelete()).isEqualTo(DeprovisionUserUseCase.Mode.DELETE);
        assertThatThrownBy(() -> UserRepresentation.fromJson(user("{\"userName\": \"ana\"}"), BY_EXTERNAL_ID))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
        assertThatThrownBy(() -> new ScimSettings("email", "deactivate")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ScimSettings("userName", "archive")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_put_without_external_id_keeps_the_stored_one_whatever_attribute_carries_the_subject() throws Exception {
        ObjectNode stored = user("""
                {"id": "ana@example.com", "userName": "ana@example.com", "externalId": "00u1abc"}""");
        for (String sent : new String[]{"{\"userName\": \"ana@example.com\"}",
                "{\"userName\": \"ana@example.com\", \"ExternalID\": null}"}) {
            ObjectNode put = user(sent);

            UserRepresentation.keepExternalId(put, stored);

            assertThat(put.get("externalId").textValue()).isEqualTo("00u1abc");
            assertThat(put.has("ExternalID")).isFalse();
            assertThat(UserRepresentation.fromJson(put, BY_USER_NAME).data().identity().externalId())
                    .isEqualTo("00u1abc");
            assertThat(UserRepresentation.fromJson(put, BY_EXTERNAL_ID).userId().value()).isEqualTo("00u1abc");
        }
        ObjectNode changed = user("{\"userName\": \"ana@example.com\", \"externalId\": \"00u2new\"}");
        UserRepresentation.keepExternalId(changed, stored);
        assertThat(changed.get("externalId").textValue()).isEqualTo("00u2new");
        ObjectNode nothingStored = user("{\"userName\": \"bob\"}");
        UserRepresentation.keepExternalId(nothingStored, user("{\"userName\": \"bob\"}"));
        assertThat(nothingStored.has("externalId")).isFalse();
    }

    @Test
    void core_and_enterprise_attributes_map_onto_the_profile() throws Exception {
        var parsed = UserRepresentation.fromJson(user("""
                {"USERNAME": "ana", "externalId": "ana-1", "Active": "False", "title": "Engineer",
                 "userType": "Contractor", "name": {"givenName": "Ana", "familyName": "Lima"},
                 "emails": [{"value": "ana@home.org", "type": "home"}, {"value": "ana@corp.example", "type": "work"}],
                 "password": "secret", "nickName": "Nana",
                 "%s": {"department": "eng", "costCenter": "cc-1", "manager": "boss-1",
                        "employeeNumber": "E1", "division": "R&D"}}""".formatted(ScimSchemas.ENTERPRISE_USER)),
                BY_EXTERNAL_ID);

        var data = parsed.data();
        assertThat(data.active()).isFalse();
        assertThat(data.displayName()).isEqualTo("Ana Lima");
        assertThat(data.email()).as("the work address when none is primary").isEqualTo("ana@corp.example");
        assertThat(data.jobTitle()).isEqualTo("Engineer");
        assertThat(data.employeeType()).isEqualTo("Contractor");
        assertThat(data.department()).isEqualTo("eng");
        assertThat(data.costCenter()).isEqualTo("cc-1");
        assertThat(data.managerId().value()).isEqualTo("boss-1");
        assertThat(data.customAttributes()).containsOnly(
                java.util.Map.entry("employeeNumber", "E1"), java.util.Map.entry("division", "R&D"));
        assertThat(data.managedCustomKeys()).contains("organization");
        assertThat(data.identity().userName()).isEqualTo("ana");
        assertThat(data.identity().attributes()).containsKeys("name", "emails", "nickName")
                .doesNotContainKey("password");
    }

    @Test
    void wrong_types_are_invalid_values() {
        assertThatThrownBy(() -> UserRepresentation.fromJson(user("""
                {"userName": "ana", "externalId": "a", "displayName": 7}"""), BY_EXTERNAL_ID))
                .isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> UserRepresentation.fromJson(user("""
                {"userName": "ana", "externalId": "a", "active": "maybe"}"""), BY_EXTERNAL_ID))
                .isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> UserRepresentation.fromJson(user("""
                {"userName": "ana", "externalId": "a", "emails": "ana@example.com"}"""), BY_EXTERNAL_ID))
                .isInstanceOf(ScimException.class);
    }
}
