package circles.application.service.dynamic;

import circles.application.service.event.PublicEvents;
import circles.application.port.in.dynamic.ExplainMembershipUseCase;
import circles.application.port.in.dynamic.GroupRuleUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.dynamic.RefreshClaims;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.domain.access.GroupStructurePolicy;
import circles.application.service.audit.Audit;
import circles.application.service.dynamic.engine.DynamicGroupChecks;
import circles.application.service.dynamic.engine.DynamicGroupEngine;
import circles.application.service.dynamic.engine.DynamicGroupViews;
import circles.application.service.rule.RuleValidationService;
import circles.application.service.shared.Versions;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleWriter;
import circles.domain.shared.NotAllowed;

import java.time.Clock;
import java.util.Map;

/**
 * The rule of a dynamic group (read, replace) and why someone is or is not a member; the evaluation itself is the
 * {@link DynamicGroupEngine}'s.
 */
public final class DynamicGroupService implements GroupRuleUseCase, ExplainMembershipUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final GroupRepository groups;
    private final DynamicGroupEngine engine;
    private final DynamicGroupViews views;
    private final RuleValidationService rules;
    private final Audit audit;
    private final Clock clock;
    private final PublicEvents events;

    public DynamicGroupService(UnitOfWork tx, Access access, GroupRepository groups, DynamicGroupEngine engine,
                               DynamicGroupViews views, RuleValidationService rules,
                               AuditLog auditLog, Clock clock) {
        this(tx, access, groups, engine, views, rules, auditLog, clock, PublicEvents.discarding(clock));
    }

    /** With {@code events}, a replaced rule is a public event too. */
    public DynamicGroupService(UnitOfWork tx, Access access, GroupRepository groups, DynamicGroupEngine engine,
                               DynamicGroupViews views, RuleValidationService rules,
                               AuditLog auditLog, Clock clock, PublicEvents events) {
        this.events = events;
        this.tx = tx;
        this.access = access;
        this.groups = groups;
        this.engine = engine;
        this.views = views;
        this.rules = rules;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public RuleView rule(GroupId groupId) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            DynamicGroupChecks.requireDynamic(group);
            return new RuleView(groupId, views.storedRule(group).orElse(Map.of()), views.intervalMinutes(group),
                    group.version());
        });
    }

    @Override
    public RuleView replace(ReplaceRule command) {
        return tx.inTransaction(() -> {
            Group group = access.requireSettingsRight(command.groupId()).group();
            OrgId orgId = DynamicGroupChecks.requireDynamic(group);
            GroupStructurePolicy.mayWriteRules(access.requireOrgMember(orgId)).orThrow();
            Versions.require("group", command.expectedVersion(), group.version());
            Rule rule = DynamicGroupChecks.parse(rules, command.rule());
            RuleAuthors.requireReadable(access, groups, group, rule);
            int interval = command.refreshIntervalMinutes() == null
                    ? views.intervalMinutes(group)
                    : DynamicGroupChecks.interval(command.refreshIntervalMinutes());
            Map<String, Object> oldRule = views.storedRule(group).orElse(Map.of());
            group.ruleChanged(clock.instant());
            Group saved = groups.save(group);
            // The rule's event goes first: the member events of the evaluation below follow from it.
            events.ruleChanged(saved, oldRule, RuleWriter.canonical(rule));
            RefreshClaims.State state = engine.install(saved, rule, interval, MembershipHistory.Cause.RULE_CHANGE);
            Map<String, Object> canonical = RuleWriter.canonical(rule);
            audit.record(access.actor(), orgId, "group.rule_changed", "group", saved.id(), Map.of(
                    "criteria", rule.leafCount(), "memberCount", state.memberCount()));
            return new RuleView(saved.id(), canonical, interval, saved.version());
        });
    }

    @Override
    public Explanation explain(GroupId groupId, UserId userId) {
        return tx.inTransaction(() -> {
            var caller = access.requireVisible(groupId);
            Group group = caller.group();
            if (!caller.mayManageSettings() && !access.actor().userId().equals(userId)) {
                throw new NotAllowed("only those who manage group " + groupId
                        + " may ask why someone else is or is not a member");
            }
            DynamicGroupChecks.requireDynamic(group);
            return engine.explain(group, userId, clock.instant());
        });
    }
}
