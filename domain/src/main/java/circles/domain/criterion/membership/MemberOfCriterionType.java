package circles.domain.criterion.membership;

import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;
import circles.domain.group.GroupId;

import java.util.Map;
import java.util.UUID;

/** The {@code member_of} criterion: groups of groups. */
public final class MemberOfCriterionType implements CriterionType {
    public static final String KEY = "member_of";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Member of group";
    }

    @Override
    public String description() {
        return "Active effective members of another group of the same org; union, intersection and exclusion of "
                + "groups follow from any, all and not. Cycles are refused.";
    }

    @Override
    public String configSchema() {
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "member_of",
                  "type": "object",
                  "properties": {
                    "groupId": { "type": "string", "format": "uuid", "description": "A group of the same org" }
                  },
                  "required": ["groupId"],
                  "additionalProperties": false
                }
                """;
    }

    @Override
    public Criterion parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config);
        String text = reader.text("groupId", true, 64);
        GroupId groupId = null;
        if (text != null) {
            try {
                groupId = new GroupId(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                reader.error("groupId", "must be a group id (a UUID)");
            }
        }
        reader.finish();
        return new MemberOfCriterion(groupId);
    }
}
