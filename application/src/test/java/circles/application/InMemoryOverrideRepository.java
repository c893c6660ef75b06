package circles.application;

import circles.application.port.out.override.OverrideRepository;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.RuleViolation;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Include and exclude lists in memory; a user is on each list of a group once, as the table's key says, and an entry
 * names a group of its own org, as the table's foreign key says.
 */
public final class InMemoryOverrideRepository implements OverrideRepository {
    private static final Comparator<OverrideEntry> ORDER = Comparator.comparing(OverrideEntry::createdAt)
            .thenComparing(OverrideEntry::id);

    private final InMemoryDatabase db;
    private final Map<UUID, OverrideEntry> entries = new LinkedHashMap<>();

    public InMemoryOverrideRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void add(OverrideEntry entry) {
        db.requireTransaction();
        Group group = db.groups.get(entry.groupId());
        if (group == null || !group.orgId().filter(entry.orgId()::equals).isPresent()) {
            // The table's foreign key to the group of the entry's org.
            throw new RuleViolation("reference-missing", "the change refers to something that does not exist"
                    + " (group_overrides_group_fk)");
        }
        boolean taken = entries.values().stream().anyMatch(other -> other.groupId().equals(entry.groupId())
                && other.userId().equals(entry.userId()) && other.kind() == entry.kind());
        if (taken) {
            throw new Conflict("duplicate", "the user is on this list already");
        }
        entries.put(entry.id(), entry);
    }

    @Override
    public List<OverrideEntry> list(GroupId groupId, OrgId orgId) {
        return entries.values().stream()
                .filter(entry -> entry.groupId().equals(groupId) && entry.orgId().equals(orgId))
                .sorted(ORDER).toList();
    }

    @Override
    public Optional<OverrideEntry> find(GroupId groupId, OrgId orgId, UUID overrideId) {
        return Optional.ofNullable(entries.get(overrideId))
                .filter(entry -> entry.groupId().equals(groupId) && entry.orgId().equals(orgId));
    }

    @Override
    public boolean remove(GroupId groupId, OrgId orgId, UUID overrideId) {
        db.requireTransaction();
        if (find(groupId, orgId, overrideId).isEmpty()) {
            return false;
        }
        entries.remove(overrideId);
        return true;
    }

    @Override
    public List<OverrideEntry> claimExpired(Instant now, int limit) {
        db.requireTransaction();
        return entries.values().stream()
                .filter(entry -> entry.expiresAt() != null && !entry.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(OverrideEntry::expiresAt).thenComparing(OverrideEntry::id))
                .limit(limit).toList();
    }
}
