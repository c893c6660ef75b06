package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.group.GroupSummaryResponse;
import circles.adapter.in.rest.http.Wire;
import circles.application.port.out.membership.MembershipRepository;
import circles.domain.group.MembershipStatus;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A group a user is in: directly (with their role), as a computed member of a dynamic group (no role; {@code via}
 * {@code dynamic} or {@code override}), or effectively through one of its subgroups; {@code viaKind} and
 * {@code viaGroupId} say the same as {@code via} without text to parse (see {@link MembershipVia}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MyGroupResponse(GroupSummaryResponse group, String role, String status, boolean direct, String via,
                              String viaKind, String viaGroupId) {

    public static MyGroupResponse of(MembershipRepository.UserGroup entry) {
        if (entry.direct() && entry.computed() != null) {
            return of(entry, null, Wire.name(MembershipStatus.ACTIVE), true, MembershipVia.computed(entry.computed()));
        }
        if (entry.direct()) {
            return of(entry, Wire.name(entry.membership().role()), Wire.name(entry.membership().status()), true,
                    MembershipVia.DIRECT);
        }
        return of(entry, null, Wire.name(MembershipStatus.ACTIVE), false,
                MembershipVia.of(entry.group().id(), entry.via()));
    }

    private static MyGroupResponse of(MembershipRepository.UserGroup entry, String role, String status,
                                      boolean direct, MembershipVia via) {
        return new MyGroupResponse(GroupSummaryResponse.of(entry.group()), role, status, direct, via.text(),
                via.kindName(), via.groupId());
    }
}
