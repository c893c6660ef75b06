package circles.application.service.dynamic;

import circles.application.port.out.group.GroupRepository;
import circles.application.service.access.Access;
import circles.domain.access.GroupAccess;
import circles.domain.access.GroupStructurePolicy;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the author of a rule must be allowed to read: a {@code member_of} criterion names only groups whose members
 * its author may read, so that a rule never becomes a window onto a private group. Groups outside the rule's org
 * are refused separately (a rule reads its own org only).
 */
public final class RuleAuthors {

    private RuleAuthors() {
    }

    public static void requireReadable(Access access, GroupRepository groups, OrgId orgId, Rule rule) {
        List<GroupAccess> referenced = new ArrayList<>();
        for (GroupId id : rule.referencedGroups()) {
            groups.findById(id)
                    .filter(group -> orgId != null && Objects.equals(orgId, group.orgIdOrNull()))
                    .map(access::group)
                    .ifPresent(referenced::add);
        }
        GroupStructurePolicy.mayReadThroughRule(referenced).orThrow();
    }

    /** The same, for a group about to get the rule. */
    public static void requireReadable(Access access, GroupRepository groups, Group group, Rule rule) {
        requireReadable(access, groups, group.orgIdOrNull(), rule);
    }
}
