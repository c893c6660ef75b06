package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.FilterEvaluator;
import circles.application.port.in.provisioning.ProvisionedUserData;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgMember;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;
import circles.domain.shared.DomainException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A SCIM User (RFC 7643 §4.1 with the enterprise extension §4.3) to and from an org member:
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><td>id</td><td>userId (the OIDC subject)</td></tr>
 *   <tr><td>externalId or userName (configurable)</td><td>the subject, i.e. the userId, when a user is created</td></tr>
 *   <tr><td>displayName (else name.formatted, else given and family name)</td><td>displayName</td></tr>
 *   <tr><td>emails (primary, else work, else first).value</td><td>email</td></tr>
 *   <tr><td>title</td><td>jobTitle</td></tr>
 *   <tr><td>userType</td><td>employeeType</td></tr>
 *   <tr><td>active</td><td>status active; false is deactivated</td></tr>
 *   <tr><td>enterprise department, costCenter, manager.value</td><td>department, costCenter, managerId</td></tr>
 *   <tr><td>enterprise employeeNumber, organization, division</td><td>customAttributes of the same names</td></tr>
 * </table>
 *
 * Other core attributes (name, phoneNumbers, addresses, locale...) are kept as sent and read back unchanged;
 * password is never stored.
 */
final class UserRepresentation {
    /** Custom attributes the enterprise extension owns. */
    static final Set<String> ENTERPRISE_CUSTOM = Set.of("employeeNumber", "organization", "division");
    /** Core attributes without a profile field, kept as sent (canonical spelling by lower-case name). */
    private static final Map<String, String> KEPT = canonical("name", "nickName", "profileUrl", "preferredLanguage",
            "locale", "timezone", "phoneNumbers", "addresses", "ims", "photos", "emails", "entitlements", "roles",
            "x509Certificates");
    /** Writes maps with sorted keys: the digest of a representation must not depend on the order of its fields. */
    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private UserRepresentation() {
    }

    /** The JSON of a user, complete with meta. */
    static ObjectNode toJson(ProvisionedUser user, ScimSettings settings, String base) {
        OrgMember member = user.member();
        MemberProfile profile = member.profile();
        ProvisionedIdentity identity = user.identity();
        String userId = member.userId().value();
        ObjectNode json = ScimHttp.newObject();
        json.putArray("schemas").add(ScimSchemas.USER).add(ScimSchemas.ENTERPRISE_USER);
        json.put("id", userId);
        String externalId = identity != null && identity.externalId() != null ? identity.externalId()
                : settings.subjectIsExternalId() ? userId : null;
        if (externalId != null) {
            json.put("externalId", externalId);
        }
        json.put("userName", identity == null ? userId : identity.userName());
        Map<String, Object> kept = identity == null ? Map.of() : identity.attributes();
        if (kept.containsKey("name")) {
            json.set("name", ScimHttp.mapper().valueToTree(kept.get("name")));
        }
        putText(json, "displayName", profile.displayName());
        putText(json, "title", profile.jobTitle());
        putText(json, "userType", profile.employeeType());
        json.put("active", member.status() == MemberStatus.ACTIVE);
        ArrayNode emails = emails(kept.get("emails"), profile.email());
        if (!emails.isEmpty()) {
            json.set("emails", emails);
        }
        for (Map.Entry<String, Object> entry : kept.entrySet()) {
            if (!entry.getKey().equals("name") && !entry.getKey().equals("emails")) {
                json.set(entry.getKey(), ScimHttp.mapper().valueToTree(entry.getValue()));
            }
        }
        ObjectNode enterprise = json.putObject(ScimSchemas.ENTERPRISE_USER);
        putText(enterprise, "employeeNumber", profile.customAttributes().get("employeeNumber"));
        putText(enterprise, "costCenter", profile.costCenter());
        putText(enterprise, "organization", profile.customAttributes().get("organization"));
        putText(enterprise, "division", profile.customAttributes().get("division"));
        putText(enterprise, "department", profile.department());
        if (profile.managerId() != null) {
            ObjectNode manager = enterprise.putObject("manager");
            manager.put("value", profile.managerId().value());
            manager.put("$ref", base + "/Users/" + ScimPaths.segment(profile.managerId().value()));
        }
        ObjectNode meta = json.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", member.joinedAt().toString());
        meta.put("lastModified", member.updatedAt().toString());
        meta.put("location", base + "/Users/" + ScimPaths.segment(userId));
        meta.put("version", version(member, json));
        return json;
    }

    /** The weak entity tag: the member's version and a digest of everything else the representation shows. */
    static String version(OrgMember member, ObjectNode json) {
        ObjectNode withoutMeta = json.deepCopy();
        withoutMeta.remove("meta");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(SORTED.writeValueAsString(
                    SORTED.convertValue(withoutMeta, Object.class)).getBytes(StandardCharsets.UTF_8));
            return "W/\"" + member.version() + "-" + HexFormat.of().formatHex(digest, 0, 6) + "\"";
        } catch (NoSuchAlgorithmException | JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The e-mail addresses as stored, with the profile's address as the chosen one (it may have changed since). */
    private static ArrayNode emails(Object stored, String profileEmail) {
        ArrayNode emails = ScimHttp.mapper().createArrayNode();
        JsonNode kept = stored == null ? null : ScimHttp.mapper().valueToTree(stored);
        if (kept != null && kept.isArray()) {
            kept.forEach(item -> emails.add(item.deepCopy()));
        }
        int chosen = chosenEmail(emails);
        if (profileEmail == null) {
            if (chosen >= 0) {
                emails.remove(chosen);
            }
        } else if (chosen >= 0 && emails.get(chosen).isObject()) {
            ((ObjectNode) emails.get(chosen)).put("value", profileEmail);
        } else {
            ObjectNode email = emails.insertObject(0);
            email.put("value", profileEmail);
            email.put("type", "work");
            email.put("primary", true);
        }
        return emails;
    }

    /** The index of the primary e-mail, else of the first work e-mail, else the first; -1 when there is none. */
    private static int chosenEmail(ArrayNode emails) {
        for (int i = 0; i < emails.size(); i++) {
            if (emails.get(i).path("primary").asBoolean(false) || "true".equalsIgnoreCase(
                    emails.get(i).path("primary").asText())) {
                return i;
            }
        }
        for (int i = 0; i < emails.size(); i++) {
            if ("work".equalsIgnoreCase(emails.get(i).path("type").asText())) {
                return i;
            }
        }
        return emails.isEmpty() ? -1 : 0;
    }

    /**
     * A PUT that leaves out {@code externalId} (or sends it as null) keeps the stored one: the provider's id for the
     * user is not a profile field it replaces, and by default it carries the sign-in subject, which cannot change.
     * Every other attribute is replaced as sent.
     */
    static void keepExternalId(ObjectNode representation, ObjectNode current) {
        JsonNode sent = FilterEvaluator.field(representation, "externalId");
        if (sent != null && !sent.isNull()) {
            return;
        }
        List<String> spellings = new java.util.ArrayList<>();
        representation.fieldNames().forEachRemaining(name -> {
            if (name.equalsIgnoreCase("externalId")) {
                spellings.add(name);
            }
        });
        representation.remove(spellings);
        JsonNode stored = current.get("externalId");
        if (stored != null) {
            representation.set("externalId", stored);
        }
    }

    /** A user read from a full representation (POST, PUT, or a representation PATCH operations were applied to). */
    record Parsed(UserId userId, ProvisionedUserData data) {
    }

    static Parsed fromJson(ObjectNode json, ScimSettings settings) {
        String userName = text(json, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimException.invalidValue("userName is required");
        }
        String externalId = text(json, "externalId");
        String subject = settings.subjectIsExternalId() ? externalId : userName;
        if (subject == null || subject.isBlank()) {
            throw ScimException.invalidValue((settings.subjectIsExternalId() ? "externalId" : "userName")
                    + " is required: it carries the user's sign-in subject");
        }
        UserId userId;
        try {
            userId = new UserId(subject);
        } catch (DomainException e) {
            throw ScimException.invalidValue("the subject '" + subject + "' is not a valid user id (1-255 printable"
                    + " characters)");
        }
        requireName(FilterEvaluator.field(json, "name"));
        JsonNode enterprise = FilterEvaluator.field(json, ScimSchemas.ENTERPRISE_USER);
        requireObject(enterprise, ScimSchemas.ENTERPRISE_USER);
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = KEPT.get(field.getKey().toLowerCase(Locale.ROOT));
            if (name != null && !field.getValue().isNull()) {
                kept.put(name, ScimHttp.mapper().convertValue(field.getValue(), Object.class));
            }
        }
        JsonNode emails = FilterEvaluator.field(json, "emails");
        String email = null;
        if (emails != null && emails.isArray() && !emails.isEmpty()) {
            int chosen = chosenEmail((ArrayNode) emails);
            email = textOf(emails.get(chosen).isObject() ? FilterEvaluator.field(emails.get(chosen), "value")
                    : emails.get(chosen), "emails.value");
        } else if (emails != null && !emails.isNull() && !emails.isArray()) {
            throw ScimException.invalidValue("emails must be an array");
        }
        String displayName = text(json, "displayName");
        if (displayName == null) {
            displayName = nameOf(FilterEvaluator.field(json, "name"));
        }
        Map<String, String> custom = new LinkedHashMap<>();
        for (String key : ENTERPRISE_CUSTOM) {
            String value = text(enterprise, key);
            if (value != null && !value.isBlank()) {
                custom.put(key, value);
            }
        }
        UserId managerId = manager(FilterEvaluator.field(enterprise, "manager"));
        ProvisionedIdentity identity;
        try {
            identity = new ProvisionedIdentity(userName, externalId, kept);
        } catch (DomainException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
        return new Parsed(userId, new ProvisionedUserData(identity, active(FilterEvaluator.field(json, "active")),
                email, displayName, text(json, "title"), text(json, "userType"), text(enterprise, "department"),
                text(enterprise, "costCenter"), managerId, custom, ENTERPRISE_CUSTOM));
    }

    /** A complex attribute (RFC 7643 section 2.3.8) must be a JSON object when it is given at all. */
    private static void requireObject(JsonNode value, String name) {
        if (value != null && !value.isNull() && !value.isObject()) {
            throw ScimException.invalidValue(name + " must be a complex attribute (a JSON object)");
        }
    }

    /** {@code name} is an object of string sub-attributes (RFC 7643 section 4.1.1). */
    private static void requireName(JsonNode name) {
        requireObject(name, "name");
        for (String part : List.of("formatted", "familyName", "givenName", "middleName", "honorificPrefix",
                "honorificSuffix")) {
            textOf(FilterEvaluator.field(name, part), "name." + part);
        }
    }

    private static String nameOf(JsonNode name) {
        if (name == null || !name.isObject()) {
            return null;
        }
        String formatted = text(name, "formatted");
        if (formatted != null && !formatted.isBlank()) {
            return formatted;
        }
        String joined = String.join(" ", java.util.stream.Stream.of(text(name, "givenName"), text(name, "familyName"))
                .filter(part -> part != null && !part.isBlank()).toList());
        return joined.isBlank() ? null : joined;
    }

    /** Entra ID sends the manager as a bare id in PATCH, other clients as {@code {"value": id}}. */
    private static UserId manager(JsonNode manager) {
        if (manager == null || manager.isNull()) {
            return null;
        }
        String id = manager.isObject() ? textOf(FilterEvaluator.field(manager, "value"), "manager.value")
                : textOf(manager, "manager");
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return new UserId(id);
        } catch (DomainException e) {
            throw ScimException.invalidValue("manager.value '" + id + "' is not a user id");
        }
    }

    /** Booleans, or the strings "True"/"False" some clients (Entra ID) send. */
    private static boolean active(JsonNode active) {
        if (active == null || active.isNull()) {
            return true;
        }
        if (active.isBoolean()) {
            return active.booleanValue();
        }
        if (active.isTextual() && Set.of("true", "false").contains(active.textValue().toLowerCase(Locale.ROOT))) {
            return Boolean.parseBoolean(active.textValue().toLowerCase(Locale.ROOT));
        }
        throw ScimException.invalidValue("active must be true or false");
    }

    private static String text(JsonNode object, String name) {
        return textOf(FilterEvaluator.field(object, name), name);
    }

    private static String textOf(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue(name + " must be a string");
        }
        return value.textValue();
    }

    private static void putText(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static Map<String, String> canonical(String... names) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String name : List.of(names)) {
            byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(byLowerCase);
    }
}
