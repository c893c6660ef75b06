package circles.domain.criterion;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.rule.OrgSnapshot;

import java.time.Instant;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small org built line by line for criterion and rule tests. */
public final class TestOrg {
    /** The org and the moment every test org is evaluated in. */
    public static final OrgId ORG = new OrgId(java.util.UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final List<Candidate> members = new ArrayList<>();
    private final Map<MasterDataKind, Map<String, String>> parents = new EnumMap<>(MasterDataKind.class);
    private final Map<GroupId, Set<UserId>> groups = new HashMap<>();

    /** A profile from wire field names: department, location, jobTitle, managerId, ..., custom.<key>. */
    public static MemberProfile profile(Map<String, String> fields) {
        Map<String, String> custom = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("custom.")) {
                custom.put(name.substring(7), value);
            }
        });
        String manager = fields.get("managerId");
        return new MemberProfile(fields.get("email"), null, fields.get("department"), fields.get("location"),
                fields.get("jobTitle"), manager == null || manager.isBlank() ? null : UserId.of(manager),
                fields.get("orgUnitPath"), fields.get("employeeType"), fields.get("costCenter"),
                fields.get("userType"), custom, null);
    }

    public static MemberProfile profile(String... fieldsAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return profile(fields);
    }

    public TestOrg member(String id, String... fieldsAndValues) {
        return member(id, MemberStatus.ACTIVE, fieldsAndValues);
    }

    public TestOrg member(String id, MemberStatus status, String... fieldsAndValues) {
        members.add(new Candidate(UserId.of(id), status, profile(fieldsAndValues)));
        return this;
    }

    public TestOrg tree(MasterDataKind kind, String child, String parent) {
        parents.computeIfAbsent(kind, k -> new HashMap<>()).put(child, parent);
        return this;
    }

    public TestOrg group(GroupId group, String... userIds) {
        Set<UserId> ids = groups.computeIfAbsent(group, g -> new HashSet<>());
        for (String id : userIds) {
            ids.add(UserId.of(id));
        }
        return this;
    }

    public OrgSnapshot snapshot() {
        return new OrgSnapshot(ORG, NOW, members, parents, groups);
    }
}
