package circles.application.port.out.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The types of the public event log, by their CloudEvents {@code type}; each belongs to one kind of aggregate. */
public enum PublicEventType {
    GROUP_CREATED("circles.group.created", Aggregate.GROUP),
    GROUP_UPDATED("circles.group.updated", Aggregate.GROUP),
    GROUP_MOVED("circles.group.moved", Aggregate.GROUP),
    GROUP_ARCHIVED("circles.group.archived", Aggregate.GROUP),
    GROUP_UNARCHIVED("circles.group.unarchived", Aggregate.GROUP),
    GROUP_DELETED("circles.group.deleted", Aggregate.GROUP),
    GROUP_RULE_CHANGED("circles.group.rule.changed", Aggregate.GROUP),
    GROUP_MEMBER_ADDED("circles.group.member.added", Aggregate.GROUP),
    GROUP_MEMBER_REMOVED("circles.group.member.removed", Aggregate.GROUP),
    GROUP_MEMBER_CHANGED("circles.group.member.changed", Aggregate.GROUP),
    GROUP_MEMBERS_BULK_CHANGED("circles.group.members.bulk_changed", Aggregate.GROUP),
    GROUP_EVALUATION_FAILED("circles.group.evaluation.failed", Aggregate.GROUP),
    ORG_MEMBER_ADDED("circles.org.member.added", Aggregate.ORG_MEMBER),
    ORG_MEMBER_CHANGED("circles.org.member.changed", Aggregate.ORG_MEMBER),
    ORG_MEMBER_REMOVED("circles.org.member.removed", Aggregate.ORG_MEMBER);

    /** What an event is about: its {@code aggregatetype} column (Debezium routes by it) and its subject's kind. */
    public enum Aggregate {
        GROUP("group"), ORG_MEMBER("org_member");

        private final String wireName;

        Aggregate(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private static final Map<String, PublicEventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PublicEventType::wireName, Function.identity()));

    private final String wireName;
    private final Aggregate aggregate;

    PublicEventType(String wireName, Aggregate aggregate) {
        this.wireName = wireName;
        this.aggregate = aggregate;
    }

    public String wireName() {
        return wireName;
    }

    public Aggregate aggregate() {
        return aggregate;
    }

    /** The type of a CloudEvents {@code type}, if it is one of ours. */
    public static Optional<PublicEventType> ofWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
