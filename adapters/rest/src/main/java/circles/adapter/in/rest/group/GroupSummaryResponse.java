package circles.adapter.in.rest.group;

import circles.adapter.in.rest.http.Wire;
import circles.domain.group.Group;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The few fields that name a group in trees and membership lists. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupSummaryResponse(String id, String orgId, String name, String slug, String type, String kind,
                                   String visibility, String status, String parentId) {

    public static GroupSummaryResponse of(Group group) {
        return new GroupSummaryResponse(group.id().toString(), Wire.text(group.orgIdOrNull()), group.name(),
                group.slug().value(), Wire.name(group.type()), Wire.name(group.kind()),
                Wire.name(group.visibility()), Wire.name(group.status()), Wire.text(group.parentId()));
    }
}
