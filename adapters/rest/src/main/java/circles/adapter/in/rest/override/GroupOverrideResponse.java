package circles.adapter.in.rest.override;

import circles.adapter.in.rest.http.Wire;
import circles.domain.group.dynamic.OverrideEntry;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code OverrideEntry}: one entry of a dynamic group's include or exclude list. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupOverrideResponse(String id, String groupId, String userId, String kind, String reason,
                                    String expiresAt, String createdBy, String createdAt) {

    public static GroupOverrideResponse of(OverrideEntry entry) {
        return new GroupOverrideResponse(entry.id().toString(), entry.groupId().toString(), entry.userId().value(),
                Wire.name(entry.kind()), entry.reason(), Wire.time(entry.expiresAt()), Wire.text(entry.createdBy()),
                Wire.time(entry.createdAt()));
    }
}
