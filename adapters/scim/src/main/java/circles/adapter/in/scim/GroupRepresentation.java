package circles.adapter.in.scim;

import circles.adapter.in.scim.filter.FilterEvaluator;
import circles.application.port.out.provisioning.ProvisionedGroupRepository.MemberRef;
import circles.domain.actor.UserId;
import circles.domain.provisioning.ProvisionedGroup;
import circles.domain.shared.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A SCIM Group (RFC 7643 §4.2): a static group of the org. {@code displayName} is its name, {@code members} its
 * direct members (each {@code value} a user id), {@code externalId} the provider's id for it. The version covers
 * the group and its member list.
 */
final class GroupRepresentation {
    private GroupRepresentation() {
    }

    /** {@code members} null: the member list was not read (the answer does not show it). */
    static ObjectNode toJson(ProvisionedGroup provisioned, List<MemberRef> members, String base) {
        ObjectNode json = ScimHttp.newObject();
        json.putArray("schemas").add(ScimSchemas.GROUP);
        String id = provisioned.group().id().toString();
        json.put("id", id);
        if (provisioned.externalId() != null) {
            json.put("externalId", provisioned.externalId());
        }
        json.put("displayName", provisioned.group().name());
        if (members != null) {
            ArrayNode list = json.putArray("members");
            for (MemberRef member : members) {
                ObjectNode item = list.addObject();
                item.put("value", member.userId().value());
                if (member.displayName() != null) {
                    item.put("display", member.displayName());
                }
                item.put("$ref", base + "/Users/" + ScimPaths.segment(member.userId().value()));
                item.put("type", "User");
            }
        }
        ObjectNode meta = json.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", provisioned.group().createdAt().toString());
        meta.put("lastModified", provisioned.lastModified().toString());
        meta.put("location", base + "/Groups/" + id);
        meta.put("version", etag(provisioned));
        return json;
    }

    static String etag(ProvisionedGroup provisioned) {
        return "W/\"" + provisioned.versionTag() + "\"";
    }

    /** The version tag an {@code If-Match} header names, or null for none or {@code *}. */
    static String expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        return tag;
    }

    /** The user ids of a {@code members} value: an array of {@code {"value": id}} (or one such object). */
    static List<UserId> memberIds(JsonNode members) {
        List<UserId> ids = new ArrayList<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        for (JsonNode member : members.isArray() ? members : ScimHttp.mapper().createArrayNode().add(members)) {
            JsonNode value = member.isObject() ? FilterEvaluator.field(member, "value") : null;
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw ScimException.invalidValue("each member is an object with the user's id as value");
            }
            try {
                ids.add(new UserId(value.textValue()));
            } catch (DomainException e) {
                throw ScimException.invalidValue("'" + value.textValue() + "' is not a user id");
            }
        }
        return ids;
    }
}
