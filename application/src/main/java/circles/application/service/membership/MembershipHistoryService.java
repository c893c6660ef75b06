package circles.application.service.membership;

import circles.application.port.in.membership.ListGroupMembersAtUseCase;
import circles.application.port.in.membership.ListMembershipEventsUseCase;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.membership.MembershipHistory;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads of a dynamic group's membership history: its events, and its members at a past time. Both are for those who
 * may list the group's members, and only dynamic groups keep a history.
 */
public final class MembershipHistoryService implements ListMembershipEventsUseCase, ListGroupMembersAtUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final MembershipHistory history;
    private final DynamicMembersStore members;
    private final Clock clock;

    public MembershipHistoryService(UnitOfWork tx, Access access, MembershipHistory history,
                                    DynamicMembersStore members, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.history = history;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public Page<MembershipHistory.Event> events(Query query, PageRequest page) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(query.groupId()).group();
            OrgId orgId = requireHistory(group, "only dynamic groups keep a history of their members", List.of());
            return history.events(group.id(), orgId, query.userId(), query.cause(), query.evaluationId(), page);
        });
    }

    @Override
    public Page<MembershipRepository.EffectiveMember> membersAt(GroupId groupId, Instant at,
                                                                MembershipRepository.Filter filter, PageRequest page) {
        return tx.inTransaction(() -> {
            Group group = access.requireVisible(groupId).group();
            OrgId orgId = requireHistory(group, "at is only for dynamic groups, whose history tells their past members",
                    List.of(new FieldError("at", "is only for dynamic groups")));
            if (at.isAfter(clock.instant())) {
                throw RuleViolation.invalidField("at", "must not be in the future: the history tells the past only");
            }
            if (!GroupMembershipService.showsComputedMembers(filter)) {
                return new Page<>(List.of(), null);
            }
            // The history keeps who was a member, not whether the rule or an override held them: via the rule.
            return members.membersAt(groupId, orgId, at, page).map(member -> GroupMembershipService.computed(group,
                    member.userId(), member.since(), DynamicMembersStore.Via.RULE));
        });
    }

    /** A static group keeps no history of its members; a dynamic group always belongs to an org. */
    private static OrgId requireHistory(Group group, String why, List<FieldError> errors) {
        if (!group.isDynamic() || group.orgIdOrNull() == null) {
            throw new RuleViolation("group-not-dynamic", "group " + group.id() + " is static: " + why, errors);
        }
        return group.orgIdOrNull();
    }
}
