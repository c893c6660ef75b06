package circles.adapter.in.rest.dynamic;

import circles.application.port.in.dynamic.SeedDefaultGroupsUseCase;

import java.util.List;

/** {@code DefaultGroups}: which default groups a re-seed created and which the org had already. */
public record DefaultGroupsResponse(List<DefaultGroupResponse> created, List<DefaultGroupResponse> existing) {

    /** {@code DefaultGroup}: a default group by its preset. */
    public record DefaultGroupResponse(String preset, String groupId, String name) {
        static DefaultGroupResponse of(SeedDefaultGroupsUseCase.DefaultGroup group) {
            return new DefaultGroupResponse(group.preset().wireName(), group.groupId().toString(), group.name());
        }
    }

    public static DefaultGroupsResponse of(SeedDefaultGroupsUseCase.Result result) {
        return new DefaultGroupsResponse(result.created().stream().map(DefaultGroupResponse::of).toList(),
                result.existing().stream().map(DefaultGroupResponse::of).toList());
    }
}
