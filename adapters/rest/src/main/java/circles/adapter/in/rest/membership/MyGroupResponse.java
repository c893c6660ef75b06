package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.group.GroupSummaryResponse;
import circles.adapter.in.rest.http.Wire;
import circles.application.port.out.membership.MembershipRepository;
import circles.domain.group.MembershipStatus;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A group a user is in: directly (with their role), as a computed member of a dynamic group (no role; {@code via}
 * {@code dynamic} or {@code override}), or effectively through one of its subgroups.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MyGroupResponse(GroupSummaryResponse group, String role, String status, boolean direct, String via) {

    public static MyGroupResponse of(MembershipRepository.UserGroup entry) {
        if (entry.direct() && entry.computed() != null) {
            return new MyGroupResponse(GroupSummaryResponse.of(entry.group()), null,
                    Wire.name(MembershipStatus.ACTIVE), true, GroupMemberResponse.computedVia(entry.computed()));
        }
        if (entry.direct()) {
            return new MyGroupResponse(GroupSummaryResponse.of(entry.group()), Wire.name(entry.membership().role()),
                    Wire.name(entry.membership().status()), true, GroupMemberResponse.DIRECT);
        }
        return new MyGroupResponse(GroupSummaryResponse.of(entry.group()), null, Wire.name(MembershipStatus.ACTIVE),
                false, GroupMemberResponse.via(entry.group().id(), entry.via()));
    }
}
