package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Wire;
import circles.domain.org.MemberProfile;
import circles.domain.org.OrgMember;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrgMemberResponse(String orgId, String userId, String role, String status, String email,
                                String displayName, String department, String location, String jobTitle,
                                String managerId, String orgUnitPath, String employeeType, String costCenter,
                                String userType, Map<String, String> customAttributes, String lastLoginAt,
                                String joinedAt, long version, String updatedAt) {

    public static OrgMemberResponse of(OrgMember member) {
        MemberProfile profile = member.profile();
        return new OrgMemberResponse(member.orgId().toString(), member.userId().value(), Wire.name(member.role()),
                Wire.name(member.status()), profile.email(), profile.displayName(), profile.department(),
                profile.location(), profile.jobTitle(), Wire.text(profile.managerId()), profile.orgUnitPath(),
                profile.employeeType(), profile.costCenter(), profile.userType(),
                new TreeMap<>(profile.customAttributes()), Wire.time(profile.lastLoginAt()),
                Wire.time(member.joinedAt()), member.version(), Wire.time(member.updatedAt()));
    }
}
