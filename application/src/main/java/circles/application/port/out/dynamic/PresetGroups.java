package circles.application.port.out.dynamic;

import circles.domain.group.GroupId;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default (preset) groups of orgs, as seeding them needs: which presets an org has, which orgs lack some, and a
 * per-org seeding lock, so that two seedings of one org (two instances starting at once, a re-seed during the
 * start-up run) never run side by side. Call it inside a unit of work; the lock ends with it.
 */
public interface PresetGroups {
    /** The org's groups that carry a preset, by preset. */
    Map<GroupPreset, GroupId> of(OrgId orgId);

    /**
     * Across orgs: up to {@code limit} orgs that lack at least one of {@code presets}, in a stable order by id,
     * starting after {@code after} (null: from the first).
     */
    List<OrgId> orgsLacking(Set<GroupPreset> presets, OrgId after, int limit);

    /** Takes the org's seeding lock until the transaction ends, waiting while another transaction holds it. */
    void lock(OrgId orgId);

    /** Takes the org's seeding lock until the transaction ends if nobody holds it; false at once otherwise. */
    boolean tryLock(OrgId orgId);
}
