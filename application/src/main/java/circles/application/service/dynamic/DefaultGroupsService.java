package circles.application.service.dynamic;

import circles.application.port.out.event.PublicEventType;
import circles.application.service.event.PublicEvents;
import circles.application.port.in.dynamic.SeedDefaultGroupsUseCase;
import circles.application.port.in.dynamic.SeedMissingDefaultGroupsUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.PresetGroups;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.application.service.group.GroupService;
import circles.application.service.rule.RuleValidationService;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.domain.actor.Actor;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.GroupPreset;
import circles.domain.org.OrgId;
import circles.domain.shared.Conflict;
import circles.domain.shared.Slug;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The five default groups of every org (docs/design.md, Default groups): seeded with the org, re-seeded on request, and
 * given by the start-up run to orgs that lack some. A default group is recognised by its preset, never by its name, so
 * renaming one does not make it missing, and a group that merely has a preset's name is not mistaken for it: the new
 * default group then takes the first free "Name (n)". Each default group is installed like any dynamic group (rule
 * stored, schedule set, members computed at once) with the preset's rule and an hourly refresh.
 */
public final class DefaultGroupsService implements SeedDefaultGroupsUseCase, SeedMissingDefaultGroupsUseCase {
    private static final Set<GroupPreset> ALL = EnumSet.allOf(GroupPreset.class);
    private static final int BATCH = 100;
    private static final int NAME_ATTEMPTS = 50;

    private final UnitOfWork tx;
    private final Access access;
    private final TenantScope tenant;
    private final GroupRepository groups;
    private final PresetGroups presets;
    private final RuleValidationService rules;
    private final DynamicGroupEngine engine;
    private final Audit audit;
    private final Clock clock;
    private final PublicEvents events;

    public DefaultGroupsService(UnitOfWork tx, Access access, TenantScope tenant, GroupRepository groups,
                                PresetGroups presets, RuleValidationService rules, DynamicGroupEngine engine,
                                AuditLog auditLog, Clock clock) {
        this(tx, access, tenant, groups, presets, rules, engine, auditLog, clock, PublicEvents.discarding(clock));
    }

    /** With {@code events}, each default group created is a public event too. */
    public DefaultGroupsService(UnitOfWork tx, Access access, TenantScope tenant, GroupRepository groups,
                                PresetGroups presets, RuleValidationService rules, DynamicGroupEngine engine,
                                AuditLog auditLog, Clock clock, PublicEvents events) {
        this.events = events;
        this.tx = tx;
        this.access = access;
        this.tenant = tenant;
        this.groups = groups;
        this.presets = presets;
        this.rules = rules;
        this.engine = engine;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public Result seed(OrgId orgId) {
        return tx.inTransaction(() -> {
            Actor actor = access.requireOrgAdmin(orgId).actor();
            presets.lock(orgId);
            return seedInto(orgId, actor);
        });
    }

    /**
     * Orgs are read in batches by id; each is seeded in a transaction of its own holding the org's seeding lock,
     * which an org some other instance is seeding right now does not give: that org is skipped (the other instance
     * completes it). A failing org is reported and does not stop the others.
     */
    @Override
    public Report seedMissing() {
        int seeded = 0;
        int created = 0;
        int skipped = 0;
        List<Failure> failures = new ArrayList<>();
        OrgId after = null;
        List<OrgId> batch;
        do {
            OrgId from = after;
            batch = tx.inTransaction(() -> presets.orgsLacking(ALL, from, BATCH));
            for (OrgId orgId : batch) {
                Integer made;
                try {
                    made = tx.inTransaction(() -> {
                        tenant.enter(orgId);
                        if (!presets.tryLock(orgId)) {
                            return null;
                        }
                        return seedInto(orgId, Actor.SYSTEM).created().size();
                    });
                } catch (RuntimeException failure) {
                    failures.add(new Failure(orgId, String.valueOf(failure.getMessage())));
                    continue;
                }
                if (made == null) {
                    skipped++;
                } else if (made > 0) {
                    seeded++;
                    created += made;
                }
            }
            after = batch.isEmpty() ? after : batch.getLast();
        } while (batch.size() == BATCH);
        return new Report(seeded, created, skipped, failures);
    }

    /**
     * Creates the org's missing default groups in the caller's transaction (the org's creation, a re-seed), as
     * {@code actor}, who owns them and is named in the audit trail.
     */
    public Result seedInto(OrgId orgId, Actor actor) {
        Map<GroupPreset, GroupId> present = presets.of(orgId);
        List<DefaultGroup> created = new ArrayList<>();
        List<DefaultGroup> existing = new ArrayList<>();
        Instant now = clock.instant();
        for (GroupPreset preset : GroupPreset.values()) {
            GroupId id = present.get(preset);
            if (id != null) {
                existing.add(new DefaultGroup(preset, id, groups.findById(id).map(Group::name).orElse(null)));
                continue;
            }
            Group group = withFreeSlug(Group.preset(orgId, preset, freeName(orgId, preset), actor.userId(), now));
            Group saved = groups.save(group);
            events.group(PublicEventType.GROUP_CREATED, saved);
            engine.install(saved, rules.parse(preset.rule()), GroupPreset.REFRESH_INTERVAL_MINUTES,
                    MembershipHistory.Cause.RULE_CHANGE);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", saved.name());
            summary.put("type", GroupService.lowerName(saved.type()));
            summary.put("visibility", GroupService.lowerName(saved.visibility()));
            summary.put("preset", preset.wireName());
            audit.record(actor, orgId, "group.created", "group", saved.id(), summary);
            created.add(new DefaultGroup(preset, saved.id(), saved.name()));
        }
        return new Result(created, existing);
    }

    /** The preset's title, or the first "Title (n)" no group of the org is named (names are case-insensitive). */
    private String freeName(OrgId orgId, GroupPreset preset) {
        String title = preset.title();
        if (!groups.nameTaken(orgId, title, null)) {
            return title;
        }
        for (int n = 2; n <= NAME_ATTEMPTS; n++) {
            String candidate = title + " (" + n + ")";
            if (!groups.nameTaken(orgId, candidate, null)) {
                return candidate;
            }
        }
        throw new Conflict("group-name-taken", "groups named '" + title + "' up to '" + title + " (" + NAME_ATTEMPTS
                + ")' exist in org " + orgId + "; rename one so that the default group " + preset.wireName()
                + " can be created");
    }

    private Group withFreeSlug(Group group) {
        OrgId orgId = group.orgIdOrNull();
        if (!groups.slugTaken(orgId, group.slug(), group.id())) {
            return group;
        }
        String base = group.slug().value();
        for (int suffix = 2; suffix <= NAME_ATTEMPTS; suffix++) {
            Slug candidate = new Slug(base + "-" + suffix);
            if (!groups.slugTaken(orgId, candidate, group.id())) {
                group.changeSlug(candidate, group.updatedAt());
                return group;
            }
        }
        throw new Conflict("group-slug-taken", "slugs derived from '" + base + "' are taken in org " + orgId
                + "; change one so that the default group " + group.preset().wireName() + " can be created");
    }
}
