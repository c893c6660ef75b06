package circles.adapter.in.rest.group;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.JsonBodies;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.domain.group.Group;
import circles.domain.group.GroupDescription;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupSettings;
import circles.domain.group.GroupType;
import circles.domain.group.NotificationDefaults;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads the bodies of the group operations into use-case commands. */
public final class GroupRequests {
    /** The bound on a group's free-form metadata, serialized. */
    public static final int METADATA_MAX_BYTES = 16 * 1024;

    private GroupRequests() {
    }

    /** {@code GroupCreate}. */
    public static CreateGroupUseCase.Command create(BodyObject body) {
        UUID orgId = body.uuid("orgId");
        UUID parentId = body.uuid("parentId");
        String slug = body.text("slug");
        ObjectNode metadata = body.tree("metadata");
        Group.Draft draft = new Group.Draft(
                orgId == null ? null : new OrgId(orgId),
                description(body),
                slug == null ? null : slug(body, slug),
                body.enumValue("type", GroupType.class),
                body.enumValue("kind", GroupKind.class),
                parentId == null ? null : new GroupId(parentId),
                body.enumValue("visibility", Visibility.class),
                Bodies.userId(body, "reviewerId"),
                settings(body, GroupSettings.DEFAULTS),
                metadata == null ? Map.of() : bounded(body, metadata),
                body.time("expiresAt"));
        ObjectNode rule = body.tree("rule");
        return new CreateGroupUseCase.Command(draft, rule == null ? null : JsonBodies.toMap(rule),
                body.integer("refreshIntervalMinutes"));
    }

    /**
     * {@code GroupPatch}, a JSON merge patch. {@code current} is the group as last read; it is needed (and
     * must be given) only when the patch merges into {@code settings} or {@code metadata}.
     */
    public static UpdateGroupUseCase.Command update(GroupId groupId, Long expectedVersion, BodyObject body,
                                                    Group current) {
        Optional<GroupSettings> settings = null;
        if (body.has("settings")) {
            settings = body.object("settings") == null ? Optional.empty()
                    : Optional.of(settings(body, current.settings()));
        }
        Optional<Map<String, Object>> metadata = null;
        if (body.has("metadata")) {
            ObjectNode patch = body.tree("metadata");
            metadata = patch == null ? Optional.empty()
                    : Optional.of(bounded(body, mergePatch(JsonBodies.toNode(current.metadata()), patch)));
        }
        return new UpdateGroupUseCase.Command(groupId, expectedVersion,
                body.patch("name", body::text),
                body.patch("description", body::text),
                body.patch("email", body::text),
                body.patch("icon", body::text),
                body.patch("color", body::text),
                Bodies.map(body.patch("slug", body::text), value -> slug(body, value)),
                body.patch("type", name -> body.enumValue(name, GroupType.class)),
                Bodies.map(body.patch("parentId", body::uuid), GroupId::new),
                body.patch("visibility", name -> body.enumValue(name, Visibility.class)),
                body.patch("reviewerId", name -> Bodies.userId(body, name)),
                settings,
                metadata,
                body.patch("expiresAt", body::time));
    }

    /** Whether applying the patch needs the group's current state. */
    public static boolean mergesIntoCurrent(BodyObject body) {
        return body.object("settings") != null || body.tree("metadata") != null;
    }

    private static GroupDescription description(BodyObject body) {
        return new GroupDescription(body.text("name"), body.text("description"), body.text("email"),
                body.text("icon"), body.text("color"));
    }

    /** {@code GroupSettingsInput}: members left out keep the value of {@code base}. */
    private static GroupSettings settings(BodyObject body, GroupSettings base) {
        BodyObject patch = body.object("settings");
        if (patch == null) {
            return base;
        }
        NotificationDefaults defaults = base.notificationDefaults();
        if (patch.has("notificationDefaults")) {
            BodyObject given = patch.object("notificationDefaults");
            if (given == null) {
                throw RuleViolation.invalidField(patch.field("notificationDefaults"), "must not be null");
            }
            boolean enabled = flag(given, "enabled", defaults.enabled());
            List<String> types = given.has("types")
                    ? Bodies.notNull(given.patch("types", given::texts), given, "types") : defaults.types();
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if (type.isEmpty() || type.length() > 64) {
                    throw RuleViolation.invalidField(given.field("types[" + i + "]"), "must be 1 to 64 characters");
                }
            }
            defaults = new NotificationDefaults(enabled, types);
        }
        return new GroupSettings(
                flag(patch, "allowMemberInvites", base.allowMemberInvites()),
                flag(patch, "requireApproval", base.requireApproval()),
                flag(patch, "autoAddNewOrgMembers", base.autoAddNewOrgMembers()),
                defaults);
    }

    private static boolean flag(BodyObject body, String name, boolean current) {
        if (!body.has(name)) {
            return current;
        }
        return Bodies.notNull(body.patch(name, body::bool), body, name);
    }

    /** RFC 7396: members of the patch replace those of the target; a {@code null} member removes one. */
    static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        patch.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                result.remove(entry.getKey());
            } else if (value.isObject() && result.get(entry.getKey()) instanceof ObjectNode existing) {
                result.set(entry.getKey(), mergePatch(existing, (ObjectNode) value));
            } else if (value.isObject()) {
                result.set(entry.getKey(), mergePatch(result.objectNode(), (ObjectNode) value));
            } else {
                result.set(entry.getKey(), value);
            }
        });
        return result;
    }

    private static Map<String, Object> bounded(BodyObject body, ObjectNode metadata) {
        if (JsonBodies.serializedSize(metadata) > METADATA_MAX_BYTES) {
            throw RuleViolation.invalidField(body.field("metadata"),
                    "must be at most " + METADATA_MAX_BYTES + " bytes once serialized");
        }
        return JsonBodies.toMap(metadata);
    }

    private static Slug slug(BodyObject body, String value) {
        try {
            return new Slug(value);
        } catch (RuleViolation e) {
            throw RuleViolation.invalidField(body.field("slug"),
                    "must be lower-case letters, digits and single dashes (at most 64 characters)");
        }
    }

}
