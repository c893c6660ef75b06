package circles.application;

import circles.application.port.out.dynamic.PresetGroups;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The preset groups of the in-memory database. The seeding lock is held by nobody unless a test says another
 * instance holds it for an org ({@link #heldElsewhere}); one instance's own transactions never overlap here.
 */
public final class InMemoryPresetGroups implements PresetGroups {
    private final InMemoryDatabase db;
    private final Set<OrgId> heldElsewhere = new HashSet<>();
    private int locksTaken;

    public InMemoryPresetGroups(InMemoryDatabase db) {
        this.db = db;
    }

    /** From now on another instance holds the seeding lock of {@code orgId}. */
    public void heldElsewhere(OrgId orgId) {
        heldElsewhere.add(orgId);
    }

    /** How often a seeding lock was taken (waiting or not). */
    public int locksTaken() {
        return locksTaken;
    }

    @Override
    public Map<GroupPreset, GroupId> of(OrgId orgId) {
        Map<GroupPreset, GroupId> found = new EnumMap<>(GroupPreset.class);
        for (Group group : db.groups.values()) {
            if (orgId.equals(group.orgIdOrNull()) && group.preset() != null) {
                found.put(group.preset(), group.id());
            }
        }
        return found;
    }

    @Override
    public List<OrgId> orgsLacking(Set<GroupPreset> presets, OrgId after, int limit) {
        // By id as PostgreSQL orders UUIDs: byte by byte, which is the order of their text (UUID.compareTo compares
        // signed halves, which puts ids from 8000... before those from 0000...).
        return db.orgs.keySet().stream()
                .sorted(Comparator.comparing(orgId -> orgId.value().toString()))
                .filter(orgId -> after == null || orgId.value().toString().compareTo(after.value().toString()) > 0)
                .filter(orgId -> !of(orgId).keySet().containsAll(presets))
                .limit(limit)
                .toList();
    }

    @Override
    public void lock(OrgId orgId) {
        db.requireTransaction();
        if (heldElsewhere.contains(Objects.requireNonNull(orgId))) {
            throw new IllegalStateException("would wait for ever for the seeding lock of " + orgId);
        }
        locksTaken++;
    }

    @Override
    public boolean tryLock(OrgId orgId) {
        db.requireTransaction();
        if (heldElsewhere.contains(orgId)) {
            return false;
        }
        locksTaken++;
        return true;
    }
}
