package circles.application.service.override;

import circles.application.port.in.override.AddGroupOverrideUseCase;
import circles.application.port.in.override.ExpireOverridesUseCase;
import circles.application.port.in.override.GetGroupOverrideUseCase;
import circles.application.port.in.override.ListGroupOverridesUseCase;
import circles.application.port.in.override.RemoveGroupOverrideUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.dynamic.DynamicMembersStore.Via;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.dynamic.engine.DynamicGroupChecks;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.domain.access.GroupAccess;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.MembershipPolicy;
import circles.domain.group.dynamic.MembershipVerdict;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.shared.Conflict;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The include and exclude lists of dynamic groups. A change of an entry re-checks the one member it names, in the
 * same transaction, so the member listing, explain and the history agree with the lists at once (history cause
 * {@code override}): an active exclude keeps the member out, otherwise the rule decides, and where it does not
 * match an active include puts an active org member in. The rule is judged for that member alone, in memory.
 * Expired entries are removed by the expiry job, which re-checks their members the same way.
 */
public final class GroupOverridesService implements AddGroupOverrideUseCase, ListGroupOverridesUseCase,
        GetGroupOverrideUseCase, RemoveGroupOverrideUseCase, ExpireOverridesUseCase {
    static final int BATCH = 200;
    private static final Comparator<OverrideEntry> OLDEST_FIRST = Comparator.comparing(OverrideEntry::createdAt)
            .thenComparing(entry -> entry.id().toString());

    private final UnitOfWork tx;
    private final Access access;
    private final TenantScope tenant;
    private final GroupRepository groups;
    private final OrgMemberRepository orgMembers;
    private final OverrideRepository overrides;
    private final DynamicMembersStore members;
    private final DynamicGroupEngine engine;
    private final Audit audit;
    private final Clock clock;

    public GroupOverridesService(UnitOfWork tx, Access access, TenantScope tenant, GroupRepository groups,
                                 OrgMemberRepository orgMembers, OverrideRepository overrides,
                                 DynamicMembersStore members, DynamicGroupEngine engine, AuditLog auditLog,
                                 Clock clock) {
        this.tx = tx;
        this.access = access;
        this.tenant = tenant;
        this.groups = groups;
        this.orgMembers = orgMembers;
        this.overrides = overrides;
        this.members = members;
        this.engine = engine;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public OverrideEntry addOverride(Command command) {
        return tx.inTransaction(() -> {
            GroupAccess caller = access.requireSettingsRight(command.groupId());
            Group group = caller.group();
            OrgId orgId = DynamicGroupChecks.requireDynamic(group);
            group.requireActive("adding an override");
            Instant now = clock.instant();
            if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
                throw RuleViolation.invalidField("expiresAt", "must be in the future");
            }
            if (orgMembers.find(orgId, command.userId()).isEmpty()) {
                throw RuleViolation.invalidField("userId", "is not a member of the group's org");
            }
            for (OverrideEntry existing : overrides.list(group.id(), orgId)) {
                if (!existing.userId().equals(command.userId()) || existing.kind() != command.kind()) {
                    continue;
                }
                if (existing.activeAt(now)) {
                    throw new Conflict("override-exists", command.userId() + " is on the " + name(command.kind())
                            + " list of group " + group.id() + " already (entry " + existing.id() + ")");
                }
                // An entry past its expiry that the expiry job has not removed yet gives way to the new one.
                overrides.remove(group.id(), orgId, existing.id());
            }
            OverrideEntry entry = new OverrideEntry(UUID.randomUUID(), group.id(), orgId, command.userId(),
                    command.kind(), command.reason(), command.expiresAt(), caller.actor().userId(), now);
            overrides.add(entry);
            recheck(group, List.of(entry.userId()), now);
            audit.record(caller.actor(), orgId, "group.override_added", "group", group.id(), summary(entry));
            return entry;
        });
    }

    @Override
    public Page<OverrideEntry> listOverrides(GroupId groupId, OverrideKind kind, PageRequest page) {
        return tx.inTransaction(() -> {
            Group group = access.requireSettingsRight(groupId).group();
            OrgId orgId = DynamicGroupChecks.requireDynamic(group);
            Cursor after = Cursor.decode(page.cursor());
            List<OverrideEntry> listed = overrides.list(groupId, orgId).stream()
                    .filter(entry -> kind == null || entry.kind() == kind)
                    .filter(entry -> after == null || after.isBefore(entry))
                    .sorted(OLDEST_FIRST)
                    .limit(page.limit() + 1L)
                    .toList();
            if (listed.size() <= page.limit()) {
                return new Page<>(listed, null);
            }
            List<OverrideEntry> items = listed.subList(0, page.limit());
            return new Page<>(items, Cursor.after(items.getLast()));
        });
    }

    @Override
    public OverrideEntry override(GroupId groupId, UUID overrideId) {
        return tx.inTransaction(() -> {
            Group group = access.requireSettingsRight(groupId).group();
            OrgId orgId = DynamicGroupChecks.requireDynamic(group);
            return overrides.find(groupId, orgId, overrideId)
                    .orElseThrow(() -> new NotFound("override", overrideId));
        });
    }

    @Override
    public void removeOverride(GroupId groupId, UUID overrideId) {
        tx.run(() -> {
            GroupAccess caller = access.requireSettingsRight(groupId);
            Group group = caller.group();
            OrgId orgId = DynamicGroupChecks.requireDynamic(group);
            OverrideEntry entry = overrides.find(groupId, orgId, overrideId)
                    .orElseThrow(() -> new NotFound("override", overrideId));
            if (!overrides.remove(groupId, orgId, overrideId)) {
                throw new NotFound("override", overrideId);
            }
            recheck(group, List.of(entry.userId()), clock.instant());
            audit.record(caller.actor(), orgId, "group.override_removed", "group", groupId, summary(entry));
        });
    }

    @Override
    public Report expireOverrides() {
        int expired = 0;
        int batch;
        do {
            batch = tx.inTransaction(this::expireBatch);
            expired += batch;
        } while (batch == BATCH);
        return new Report(expired);
    }

    /** One batch, claimed so that another instance skips it: removed, audited, and the members re-checked. */
    private int expireBatch() {
        Instant now = clock.instant();
        List<OverrideEntry> claimed = overrides.claimExpired(now, BATCH);
        Map<GroupId, List<OverrideEntry>> byGroup = new LinkedHashMap<>();
        for (OverrideEntry entry : claimed) {
            byGroup.computeIfAbsent(entry.groupId(), id -> new ArrayList<>()).add(entry);
        }
        byGroup.forEach((groupId, entries) -> {
            OrgId orgId = entries.getFirst().orgId();
            tenant.enter(orgId);
            Set<UserId> named = new LinkedHashSet<>();
            for (OverrideEntry entry : entries) {
                overrides.remove(groupId, orgId, entry.id());
                named.add(entry.userId());
                audit.record(Actor.SYSTEM, orgId, "group.override_expired", "group", groupId, summary(entry));
            }
            groups.findById(groupId).filter(Group::isDynamic).ifPresent(group -> recheck(group, named, now));
        });
        return claimed.size();
    }

    /**
     * Writes the verdict of each of {@code userIds} ({@link MembershipPolicy}) to the group's snapshot, where a member
     * whom both the rule and an include put in is there by the rule, as a full evaluation records it. The rule is
     * judged over the org only when an exclude does not already decide.
     */
    private void recheck(Group group, Collection<UserId> userIds, Instant now) {
        OrgId orgId = group.orgIdOrNull();
        List<OverrideEntry> entries = overrides.list(group.id(), orgId);
        RuleOnDemand rule = new RuleOnDemand(group, now);
        for (UserId userId : userIds) {
            MembershipVerdict verdict = MembershipPolicy.verdict(userId, entries, now,
                    () -> MembershipPolicy.RuleAnswer.of(rule.selects(userId)), () -> isActiveMember(orgId, userId));
            engine.applyOne(group.id(), orgId, userId, Via.of(verdict), MembershipHistory.Cause.OVERRIDE, now);
        }
    }

    private boolean isActiveMember(OrgId orgId, UserId userId) {
        return orgMembers.find(orgId, userId).map(OrgMember::isActive).orElse(false);
    }

    /** The group's rule over the org, read the first time a verdict needs it (an exclude alone needs none). */
    private final class RuleOnDemand {
        private final Group group;
        private final Instant now;
        private Predicate<UserId> verdicts;

        RuleOnDemand(Group group, Instant now) {
            this.group = group;
            this.now = now;
        }

        boolean selects(UserId userId) {
            if (verdicts == null) {
                verdicts = engine.ruleVerdicts(group, now);
            }
            return verdicts.test(userId);
        }
    }

    private static Map<String, Object> summary(OverrideEntry entry) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("overrideId", entry.id().toString());
        summary.put("userId", entry.userId().value());
        summary.put("kind", name(entry.kind()));
        if (entry.expiresAt() != null) {
            summary.put("expiresAt", entry.expiresAt().toString());
        }
        return summary;
    }

    private static String name(OverrideKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where a page of a list ended: the last entry's creation time and id, the list's order. Lists are short (people
     * put there by hand), so they are paged here rather than in the storage.
     */
    private record Cursor(Instant createdAt, String id) {
        static String after(OverrideEntry last) {
            String text = last.createdAt() + "|" + last.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Cursor(Instant.parse(text.substring(0, bar)),
                        UUID.fromString(text.substring(bar + 1)).toString());
            } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
                throw new InvalidInput("cursor", "is not a cursor this service issued");
            }
        }

        boolean isBefore(OverrideEntry entry) {
            int byTime = createdAt.compareTo(entry.createdAt());
            return byTime < 0 || byTime == 0 && id.compareTo(entry.id().toString()) < 0;
        }
    }
}
