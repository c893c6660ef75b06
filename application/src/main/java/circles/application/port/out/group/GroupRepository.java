package circles.application.port.out.group;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupStatus;
import circles.domain.group.GroupType;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.shared.Slug;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public interface GroupRepository {
    /** Inserts or updates; an update checks the version the group was loaded with. Returns the stored state. */
    Group save(Group group);

    /** Looks a group up by id whatever its org: callers check the reader's access next. */
    Optional<Group> findById(GroupId id);

    /** Deletes the groups (subgroups first), with their memberships and assignments. */
    void delete(List<GroupId> ids);

    boolean nameTaken(OrgId orgId, String name, GroupId except);

    boolean slugTaken(OrgId orgId, Slug slug, GroupId except);

    /** The ancestors of a group, nearest first. */
    List<Group> ancestors(GroupId id);

    /** Every descendant of a group, parents before their children. */
    List<Group> descendants(GroupId id);

    boolean hasSubgroups(GroupId id);

    /** Active members (direct and through subgroups) of each group. */
    Map<GroupId, Long> memberCounts(Collection<GroupId> ids);

    /** Static, active groups of the org that add every new org member. */
    List<Group> autoAddGroups(OrgId orgId);

    /**
     * Active groups whose expiry has passed, claimed for this caller: a group claimed by one running instance
     * is skipped by the others until that transaction ends.
     */
    List<Group> claimExpired(Instant now, int limit);

    /** Who asks a list: decides which groups exist for them. */
    record Viewer(UserId userId, boolean platformAdmin, Set<OrgId> adminOrgs, Set<OrgId> memberOrgs) {
    }

    enum MembershipFilter { MINE, JOINABLE }

    enum Sort { NAME, NAME_DESC, CREATED_AT, CREATED_AT_DESC }

    record Query(Viewer viewer, OrgId orgId, GroupType type, GroupKind kind, GroupId parentId,
                 Visibility visibility, GroupStatus status, String text, MembershipFilter membership, Sort sort) {
    }

    Page<Group> list(Query query, PageRequest page);
}
