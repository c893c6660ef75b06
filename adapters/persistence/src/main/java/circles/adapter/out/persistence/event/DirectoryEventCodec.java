package circles.adapter.out.persistence.event;

import circles.domain.actor.UserId;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/**
 * The stored form of the directory events: a type name and plain JSON with the wire names of the fields, written
 * and read here explicitly so that the stored format does not follow changes of the domain classes by accident. The
 * one place that maps the sealed {@link DirectoryEvent} to and from its stored form, for every table that keeps
 * events: a new event type adds a case to {@link #encode} and to {@link #decode}.
 */
final class DirectoryEventCodec {
    static final String MEMBER_CHANGED = "member_changed";
    static final String MEMBERS_IMPORTED = "members_imported";
    static final String MASTER_DATA_TREE_CHANGED = "master_data_tree_changed";
    static final String GROUP_MEMBERSHIP_CHANGED = "group_membership_changed";
    static final String ACTIVITY_RECORDED = "activity_recorded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DirectoryEventCodec() {
    }

    /** An event as stored: its type name (the table's {@code type} column) and its JSON payload. */
    record Encoded(String type, String payload) {
    }

    static Encoded encode(DirectoryEvent event) {
        return switch (event) {
            case MemberChanged changed -> new Encoded(MEMBER_CHANGED, write(changed));
            case MembersImported imported -> new Encoded(MEMBERS_IMPORTED, write(imported));
            case MasterDataTreeChanged changed -> new Encoded(MASTER_DATA_TREE_CHANGED, write(changed));
            case GroupMembershipChanged changed -> new Encoded(GROUP_MEMBERSHIP_CHANGED, write(changed));
            case ActivityRecorded recorded -> new Encoded(ACTIVITY_RECORDED, write(recorded));
        };
    }

    /** The event stored as {@code type} with {@code payload}; an unknown type or a payload that is not JSON fails. */
    static DirectoryEvent decode(String type, String payload) {
        return switch (type) {
            case MEMBER_CHANGED -> readMemberChanged(payload);
            case MEMBERS_IMPORTED -> readMembersImported(payload);
            case MASTER_DATA_TREE_CHANGED -> readMasterDataTreeChanged(payload);
            case GROUP_MEMBERSHIP_CHANGED -> readGroupMembershipChanged(payload);
            case ACTIVITY_RECORDED -> readActivityRecorded(payload);
            default -> throw new IllegalStateException("unknown directory event type " + type);
        };
    }

    static String write(MemberChanged event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.eventId().toString());
        root.put("orgId", event.orgId().toString());
        root.put("userId", event.userId().value());
        ArrayNode fields = root.putArray("changedFields");
        event.changedFields().stream().sorted().forEach(fields::add);
        root.set("before", snapshot(event.before()));
        root.set("after", snapshot(event.after()));
        root.put("occurredAt", event.occurredAt().toString());
        return text(root);
    }

    static String write(MembersImported event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.eventId().toString());
        root.put("orgId", event.orgId().toString());
        root.put("created", event.created());
        root.put("updated", event.updated());
        root.put("occurredAt", event.occurredAt().toString());
        return text(root);
    }

    static MemberChanged readMemberChanged(String payload) {
        JsonNode root = tree(payload);
        Set<String> fields = new LinkedHashSet<>();
        root.path("changedFields").forEach(field -> fields.add(field.asText()));
        return new MemberChanged(UUID.fromString(root.path("eventId").asText()),
                new OrgId(UUID.fromString(root.path("orgId").asText())), UserId.of(root.path("userId").asText()),
                fields, snapshot(root.path("before")), snapshot(root.path("after")),
                Instant.parse(root.path("occurredAt").asText()));
    }

    static MembersImported readMembersImported(String payload) {
        JsonNode root = tree(payload);
        return new MembersImported(UUID.fromString(root.path("eventId").asText()),
                new OrgId(UUID.fromString(root.path("orgId").asText())), count(root, "created", "createdUserIds"),
                count(root, "updated", "updatedUserIds"), Instant.parse(root.path("occurredAt").asText()));
    }

    /** A count of imported members; payloads written before counts were carried list the members' ids instead. */
    private static int count(JsonNode root, String field, String formerIdList) {
        JsonNode count = root.get(field);
        return count != null && count.canConvertToInt() ? count.intValue() : root.path(formerIdList).size();
    }

    static String write(ActivityRecorded event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.eventId().toString());
        root.put("orgId", event.orgId().toString());
        ArrayNode users = root.putArray("userIds");
        event.userIds().forEach(id -> users.add(id.value()));
        root.put("occurredAt", event.occurredAt().toString());
        return text(root);
    }

    static ActivityRecorded readActivityRecorded(String payload) {
        JsonNode root = tree(payload);
        return new ActivityRecorded(UUID.fromString(root.path("eventId").asText()),
                new OrgId(UUID.fromString(root.path("orgId").asText())), userIds(root.path("userIds")),
                Instant.parse(root.path("occurredAt").asText()));
    }

    static String write(MasterDataTreeChanged event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.eventId().toString());
        root.put("orgId", event.orgId().toString());
        root.put("kind", lower(event.kind()));
        root.put("key", event.key().value());
        root.put("occurredAt", event.occurredAt().toString());
        return text(root);
    }

    static String write(GroupMembershipChanged event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.eventId().toString());
        root.put("orgId", event.orgId().toString());
        root.put("groupId", event.groupId().toString());
        root.put("userId", event.userId().value());
        root.put("occurredAt", event.occurredAt().toString());
        return text(root);
    }

    static MasterDataTreeChanged readMasterDataTreeChanged(String payload) {
        JsonNode root = tree(payload);
        return new MasterDataTreeChanged(UUID.fromString(root.path("eventId").asText()),
                new OrgId(UUID.fromString(root.path("orgId").asText())),
                enumOf(MasterDataKind.class, root.path("kind").asText()), MasterDataKey.of(root.path("key").asText()),
                Instant.parse(root.path("occurredAt").asText()));
    }

    static GroupMembershipChanged readGroupMembershipChanged(String payload) {
        JsonNode root = tree(payload);
        return new GroupMembershipChanged(UUID.fromString(root.path("eventId").asText()),
                new OrgId(UUID.fromString(root.path("orgId").asText())),
                new GroupId(UUID.fromString(root.path("groupId").asText())), UserId.of(root.path("userId").asText()),
                Instant.parse(root.path("occurredAt").asText()));
    }

    private static JsonNode snapshot(MemberChanged.Snapshot snapshot) {
        if (snapshot == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("role", lower(snapshot.role()));
        node.put("status", lower(snapshot.status()));
        MemberProfile p = snapshot.profile();
        ObjectNode profile = node.putObject("profile");
        profile.put("email", p.email());
        profile.put("displayName", p.displayName());
        profile.put("department", p.department());
        profile.put("location", p.location());
        profile.put("jobTitle", p.jobTitle());
        profile.put("managerId", p.managerId() == null ? null : p.managerId().value());
        profile.put("orgUnitPath", p.orgUnitPath());
        profile.put("employeeType", p.employeeType());
        profile.put("costCenter", p.costCenter());
        profile.put("userType", p.userType());
        ObjectNode custom = profile.putObject("customAttributes");
        new TreeMap<>(p.customAttributes()).forEach(custom::put);
        profile.put("lastLoginAt", p.lastLoginAt() == null ? null : p.lastLoginAt().toString());
        return node;
    }

    private static MemberChanged.Snapshot snapshot(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JsonNode p = node.path("profile");
        Map<String, String> custom = new LinkedHashMap<>();
        p.path("customAttributes").properties().forEach(entry -> custom.put(entry.getKey(), entry.getValue().asText()));
        String manager = text(p, "managerId");
        String lastLogin = text(p, "lastLoginAt");
        MemberProfile profile = new MemberProfile(text(p, "email"), text(p, "displayName"), text(p, "department"),
                text(p, "location"), text(p, "jobTitle"), manager == null ? null : UserId.of(manager),
                text(p, "orgUnitPath"), text(p, "employeeType"), text(p, "costCenter"), text(p, "userType"), custom,
                lastLogin == null ? null : Instant.parse(lastLogin));
        return new MemberChanged.Snapshot(enumOf(OrgRole.class, text(node, "role")),
                enumOf(MemberStatus.class, text(node, "status")), profile);
    }

    private static List<UserId> userIds(JsonNode array) {
        List<UserId> ids = new ArrayList<>();
        array.forEach(id -> ids.add(UserId.of(id.asText())));
        return ids;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode tree(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored directory event is not JSON", e);
        }
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
