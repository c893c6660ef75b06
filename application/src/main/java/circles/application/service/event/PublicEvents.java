package circles.application.service.event;

import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.application.port.out.dynamic.DynamicMembersStore;
import circles.application.port.out.event.PublicEventLog;
import circles.application.port.out.event.PublicEventType;
import circles.application.port.out.membership.MembershipHistory;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.Membership;
import circles.domain.org.OrgId;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the public events of the use cases, inside their transaction, through {@link PublicEventLog}: it knows
 * which type each change is and what its {@code data} holds. Events state direct facts only (a member of a subgroup
 * is no event of its ancestors), and standalone groups, which belong to no org, have none.
 */
public final class PublicEvents {
    /** Above this many changed members, an evaluation is one {@code members.bulk_changed} event. */
    public static final int DEFAULT_MEMBER_EVENT_LIMIT = 10_000;

    private final PublicEventLog log;
    private final Clock clock;
    private final int memberEventLimit;

    public PublicEvents(PublicEventLog log, Clock clock, int memberEventLimit) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (memberEventLimit < 0) {
            throw new IllegalArgumentException("the member event limit cannot be negative");
        }
        this.memberEventLimit = memberEventLimit;
    }

    // --- groups ---------------------------------------------------------------------------------------------

    /** A group's lifecycle event ({@code created}, {@code updated}, {@code archived}, ...) with its summary. */
    public void group(PublicEventType type, Group group) {
        if (group.isStandalone()) {
            return;
        }
        append(group.orgIdOrNull(), type, group.id().toString(), summary(group));
    }

    /**
     * The lifecycle event {@link #group} would write, for a caller that writes it itself (a batched create); empty
     * for a standalone group.
     */
    public java.util.Optional<PublicEventLog.PublicEvent> groupEvent(PublicEventType type, Group group) {
        if (group.isStandalone()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PublicEventLog.PublicEvent(UUID.randomUUID(), group.orgIdOrNull(), type,
                group.id().toString(), clock.instant(), summary(group)));
    }

    /** A group got another parent. */
    public void groupMoved(Group group, GroupId oldParent) {
        if (group.isStandalone()) {
            return;
        }
        Map<String, Object> data = summary(group);
        data.put("oldParentId", text(oldParent));
        data.put("newParentId", text(group.parentId()));
        append(group.orgIdOrNull(), PublicEventType.GROUP_MOVED, group.id().toString(), data);
    }

    /** One {@code deleted} per deleted group (no event for its members). */
    public void groupDeleted(Group group) {
        group(PublicEventType.GROUP_DELETED, group);
    }

    /** A dynamic group's rule was replaced. */
    public void ruleChanged(Group group, Map<String, Object> oldRule, Map<String, Object> newRule) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", text(group.orgIdOrNull()));
        data.put("groupId", group.id().toString());
        data.put("oldRule", oldRule);
        data.put("newRule", newRule);
        append(group.orgIdOrNull(), PublicEventType.GROUP_RULE_CHANGED, group.id().toString(), data);
    }

    /** An evaluation of a dynamic group failed, with the reason kept as its {@code lastError}. */
    public void evaluationFailed(OrgId orgId, GroupId groupId, String lastError) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", orgId.toString());
        data.put("groupId", groupId.toString());
        data.put("lastError", lastError);
        append(orgId, PublicEventType.GROUP_EVALUATION_FAILED, groupId.toString(), data);
    }

    // --- members of groups ----------------------------------------------------------------------------------

    /** A direct membership of a static org group began ({@code added}), changed or ended ({@code removed}). */
    public void membership(PublicEventType type, Group group, Membership membership) {
        directMember(type, group.orgIdOrNull(), group.id(), membership.userId(), membership.role(),
                membership.status());
    }

    /** A direct membership of a static group, by its parts; nothing for a standalone group ({@code orgId} null). */
    public void directMember(PublicEventType type, OrgId orgId, GroupId groupId, UserId userId, GroupRole role,
                             MembershipStatus status) {
        if (orgId == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", orgId.toString());
        data.put("groupId", groupId.toString());
        data.put("userId", userId.value());
        data.put("kind", "static");
        data.put("role", lower(role));
        data.put("status", lower(status));
        data.put("via", "direct");
        data.put("viaKind", "direct");
        data.put("viaGroupId", null);
        append(orgId, type, groupId.toString(), data);
    }

    /**
     * What one evaluation of a dynamic group changed: an event per member, or one {@code bulk_changed} above the
     * limit. {@code included} are the added members that only an include override puts there.
     */
    public void evaluated(OrgId orgId, GroupId groupId, UUID evaluationId, MembershipHistory.Cause cause,
                          DynamicMembersStore.Diff diff, Set<UserId> included) {
        if (diff.isEmpty()) {
            return;
        }
        Map<UserId, DynamicMembersStore.Via> added = new LinkedHashMap<>();
        for (UserId userId : diff.added()) {
            added.put(userId, included.contains(userId) ? DynamicMembersStore.Via.INCLUDE
                    : DynamicMembersStore.Via.RULE);
        }
        log.appendEvaluation(new PublicEventLog.Evaluation(evaluationId, orgId, groupId, cause, added,
                diff.removed(), clock.instant()), memberEventLimit);
    }

    // --- org members ----------------------------------------------------------------------------------------

    /**
     * An org member arrived ({@code added}), left ({@code removed}) or changed: {@code changedFields} names what
     * differs, never the values.
     */
    public void orgMember(MemberChanged change) {
        PublicEventLog.PublicEvent.ofMemberChange(change, clock.instant()).ifPresent(log::append);
    }

    private void append(OrgId orgId, PublicEventType type, String subject, Map<String, Object> data) {
        log.append(new PublicEventLog.PublicEvent(UUID.randomUUID(), orgId, type, subject, clock.instant(), data));
    }

    private static Map<String, Object> summary(Group group) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", text(group.orgIdOrNull()));
        data.put("groupId", group.id().toString());
        data.put("name", group.name());
        data.put("slug", group.slug().toString());
        data.put("type", lower(group.type()));
        data.put("kind", lower(group.kind()));
        data.put("parentId", text(group.parentId()));
        data.put("visibility", lower(group.visibility()));
        data.put("status", lower(group.status()));
        data.put("version", group.version());
        return data;
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** What the use cases are given where no public log is wired (tests of other concerns). */
    public static PublicEvents discarding(Clock clock) {
        return new PublicEvents(new PublicEventLog() {
            @Override
            public void append(PublicEvent event) {
            }

            @Override
            public void appendEvaluation(Evaluation evaluation, int limit) {
            }

            @Override
            public Feed read(OrgId orgId, FeedPosition after, Set<PublicEventType> types, int limit) {
                throw new UnsupportedOperationException("no public event log is wired");
            }

            @Override
            public FeedPosition now(OrgId orgId) {
                throw new UnsupportedOperationException("no public event log is wired");
            }

            @Override
            public String cursor(OrgId orgId, FeedPosition position) {
                throw new UnsupportedOperationException("no public event log is wired");
            }

            @Override
            public FeedPosition position(OrgId orgId, String cursor) {
                throw new UnsupportedOperationException("no public event log is wired");
            }

            @Override
            public int purgeOlderThan(Instant cutoff, int limit) {
                return 0;
            }
        }, clock, DEFAULT_MEMBER_EVENT_LIMIT);
    }
}
