package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Bodies;
import circles.adapter.in.rest.http.BodyObject;
import circles.domain.org.MemberProfile;
import circles.domain.org.ProfilePatch;
import circles.domain.shared.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the profile fields of an org member body ({@code OrgMemberCreate}, {@code OrgMemberPatch}): email,
 * displayName, department, location, jobTitle, managerId, orgUnitPath, employeeType, costCenter, userType,
 * customAttributes and lastLoginAt. Types are checked here (400); the rules of the values (lengths, formats,
 * the bounds of the custom attributes) by {@link MemberProfile} (422).
 */
public final class ProfileRequests {
    private ProfileRequests() {
    }

    /** The profile fields as a JSON merge patch: absent fields stay, {@code null} clears, values replace. */
    public static ProfilePatch patch(BodyObject body) {
        return new ProfilePatch(
                body.patch("email", body::text),
                body.patch("displayName", body::text),
                body.patch("department", body::text),
                body.patch("location", body::text),
                body.patch("jobTitle", body::text),
                body.patch("managerId", name -> Bodies.userId(body, name)),
                body.patch("orgUnitPath", body::text),
                body.patch("employeeType", body::text),
                body.patch("costCenter", body::text),
                body.patch("userType", body::text),
                customAttributes(body),
                body.patch("lastLoginAt", body::time));
    }

    /** The profile of a new member: the fields given, everything else empty. */
    public static MemberProfile profile(BodyObject body) {
        return patch(body).applyTo(MemberProfile.EMPTY);
    }

    /** A merge of the custom attributes key by key; {@code null} for the whole object drops them all. */
    private static ProfilePatch.AttributeChanges customAttributes(BodyObject body) {
        if (!body.has("customAttributes")) {
            return null;
        }
        ObjectNode given = body.tree("customAttributes");
        if (given == null) {
            return ProfilePatch.AttributeChanges.CLEAR_ALL;
        }
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : given.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                removed.add(entry.getKey());
            } else if (value.isTextual()) {
                set.put(entry.getKey(), value.textValue());
            } else {
                throw new InvalidInput(body.field("customAttributes." + entry.getKey()), "must be a string or null");
            }
        }
        return new ProfilePatch.AttributeChanges(false, set, removed);
    }
}
