package circles.adapter.in.rest.group;

import circles.adapter.in.rest.dynamic.EvaluationResponse;
import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.group.GroupView;
import circles.domain.group.Group;
import circles.domain.group.GroupSettings;
import circles.domain.group.NotificationDefaults;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupResponse(String id, String orgId, String name, String slug, String description, String email,
                            String icon, String color, String type, String kind, String parentId,
                            String visibility, String ownerId, String reviewerId, SettingsResponse settings,
                            Map<String, Object> metadata, String status, String expiresAt, String preset,
                            long memberCount,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> rule,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer refreshIntervalMinutes,
                            @JsonInclude(JsonInclude.Include.NON_NULL) EvaluationResponse evaluation,
                            long version, String createdAt, String updatedAt) {

    public record SettingsResponse(boolean allowMemberInvites, boolean requireApproval,
                                   boolean autoAddNewOrgMembers, NotificationDefaultsResponse notificationDefaults) {

        static SettingsResponse of(GroupSettings settings) {
            NotificationDefaults defaults = settings.notificationDefaults();
            return new SettingsResponse(settings.allowMemberInvites(), settings.requireApproval(),
                    settings.autoAddNewOrgMembers(),
                    new NotificationDefaultsResponse(defaults.enabled(), defaults.types()));
        }
    }

    public record NotificationDefaultsResponse(boolean enabled, List<String> types) {
    }

    public static GroupResponse of(GroupView view) {
        Group group = view.group();
        GroupView.Dynamic dynamic = view.dynamic();
        return new GroupResponse(group.id().toString(), Wire.text(group.orgIdOrNull()), group.name(),
                group.slug().value(), group.description().description(), group.description().email(),
                group.description().icon(), group.description().color(), Wire.name(group.type()),
                Wire.name(group.kind()), Wire.text(group.parentId()), Wire.name(group.visibility()),
                Wire.text(group.ownerId()), Wire.text(group.reviewerId()), SettingsResponse.of(group.settings()),
                group.metadata(), Wire.name(group.status()), Wire.time(group.expiresAt()), Wire.name(group.preset()),
                view.memberCount(), dynamic == null ? null : dynamic.rule(),
                dynamic == null ? null : dynamic.refreshIntervalMinutes(),
                dynamic == null ? null : EvaluationResponse.of(dynamic.evaluation()), group.version(), Wire.time(group.createdAt()), Wire.time(group.updatedAt()));
    }
}
