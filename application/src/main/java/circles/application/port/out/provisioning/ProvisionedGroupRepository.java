package circles.application.port.out.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The static groups of an org as an identity provider sees them, and changes of their member lists that name only
 * the members concerned: none of them reads the whole list, and concurrent changes of one group never overwrite
 * each other. Members the provider deleted ({@link ProvisionedUserRepository#markDeleted}) are outside its view here
 * too: they are not listed, and the provider's member changes neither add nor remove them.
 */
public interface ProvisionedGroupRepository {
    /** A static group of the org; nothing for any other group. */
    Optional<ProvisionedGroup> find(OrgId orgId, GroupId groupId);

    /** The static groups of the org in id order. */
    Page<ProvisionedGroup> list(OrgId orgId, PageRequest page);

    void saveExternalId(OrgId orgId, GroupId groupId, String externalId);

    /** Those of the users who are members of the org and in the provider's view (it has not deleted them). */
    List<UserId> inView(OrgId orgId, Collection<UserId> userIds);

    /** Adds the users as active plain members; returns those who were not members yet. */
    List<UserId> addMembers(Group group, Collection<UserId> userIds, Instant now);

    /** Removes the users that are in the provider's view; returns those who were members. */
    List<UserId> removeMembers(GroupId groupId, Collection<UserId> userIds);

    /** Removes every member in the provider's view but these; returns the removed. */
    List<UserId> retainOnly(GroupId groupId, Collection<UserId> userIds);

    record MemberRef(UserId userId, String displayName) {
    }

    /** Direct members in the provider's view in userId order, with their display names in the org. */
    Page<MemberRef> members(GroupId groupId, PageRequest page);
}
