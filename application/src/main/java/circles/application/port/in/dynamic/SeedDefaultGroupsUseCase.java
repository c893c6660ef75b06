package circles.application.port.in.dynamic;

import circles.domain.group.GroupId;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;

import java.util.List;
import java.util.Objects;

/**
 * An org admin (or a platform admin) gives an org the default groups it lacks. A default group is recognised by its
 * preset, not by its name: a renamed one still counts as there, and a group of another kind that happens to carry
 * a preset's name is left alone (the new default group then takes the name with a number, e.g. "Recent Logins
 * (2)").
 */
public interface SeedDefaultGroupsUseCase {
    Result seed(OrgId orgId);

    /** One default group of the org. */
    record DefaultGroup(GroupPreset preset, GroupId groupId, String name) {
        public DefaultGroup {
            Objects.requireNonNull(preset, "preset");
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /** The default groups created now and those the org had already, each in preset order. */
    record Result(List<DefaultGroup> created, List<DefaultGroup> existing) {
        public Result {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
        }
    }
}
