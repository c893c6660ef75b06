package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.Wire;
import circles.application.port.out.membership.MembershipRepository;
import circles.domain.group.GroupId;
import circles.domain.group.Membership;
import circles.domain.group.NotificationOverride;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A membership as seen from the group asked about: {@code via} is {@code direct}, {@code subgroup:<id>} for
 * an effective member through that descendant, or {@code dynamic} / {@code override} for a computed member of a
 * dynamic group; {@code viaKind} and {@code viaGroupId} say the same without text to parse (see
 * {@link MembershipVia}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupMemberResponse(String groupId, String userId, String role, String status, String joinedAt,
                                  String invitedBy, String validFrom, String validUntil, List<String> permissions,
                                  NotificationOverrideResponse notificationOverride, String via, String viaKind,
                                  String viaGroupId) {

    /** Only the parts the member chose are written. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotificationOverrideResponse(Boolean enabled, List<String> types) {
        static NotificationOverrideResponse of(NotificationOverride override) {
            return override == null ? null : new NotificationOverrideResponse(override.enabled(), override.types());
        }
    }

    /** A group member carries no version: its entity tag is derived from everything it says. */
    @JsonIgnore
    public String etag() {
        return ETags.opaque(toString());
    }

    public static GroupMemberResponse direct(Membership membership) {
        return of(membership.groupId(), membership, MembershipVia.DIRECT);
    }

    public static GroupMemberResponse of(GroupId asked, MembershipRepository.EffectiveMember member) {
        if (member.computed() != null) {
            return of(asked, member.membership(), MembershipVia.computed(member.computed()));
        }
        return of(asked, member.membership(), MembershipVia.of(asked, member.via()));
    }

    private static GroupMemberResponse of(GroupId asked, Membership membership, MembershipVia via) {
        return new GroupMemberResponse(asked.toString(), membership.userId().value(), Wire.name(membership.role()),
                Wire.name(membership.status()), Wire.time(membership.joinedAt()), Wire.text(membership.invitedBy()),
                Wire.time(membership.validFrom()), Wire.time(membership.validUntil()),
                membership.permissions().stream().map(Wire::name).sorted().toList(),
                NotificationOverrideResponse.of(membership.notificationOverride()), via.text(), via.kindName(),
                via.groupId());
    }
}
