package circles.application.port.out.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Org members together with the identity an identity provider knows them by. A member the provider deleted
 * ({@link #markDeleted}) is out of the provider's view: {@link #find}, {@link #list} and {@link #withUserName} no
 * longer return it and its userName is free, until {@link #saveIdentity} brings it back.
 */
public interface ProvisionedUserRepository {
    /** The member as the provider sees it; empty when it is not a member or the provider deleted it. */
    Optional<ProvisionedUser> find(OrgId orgId, UserId userId);

    /** In userId order, without the members the provider deleted. */
    Page<ProvisionedUser> list(OrgId orgId, PageRequest page);

    /**
     * Members whose stored userName equals {@code userName} ignoring case, and members without a stored identity
     * whose userId does; never a member the provider deleted.
     */
    List<ProvisionedUser> withUserName(OrgId orgId, String userName);

    /**
     * Inserts or replaces the identity of a member; a userName another member of the org has is a conflict. A member
     * the provider had deleted is in its view again.
     */
    void saveIdentity(OrgId orgId, UserId userId, ProvisionedIdentity identity);

    /**
     * Takes a member out of the provider's view as of {@code at}: its stored externalId is kept (a member never
     * provisioned is recorded under its userId), its userName no longer counts.
     */
    void markDeleted(OrgId orgId, UserId userId, Instant at);

    /** Whether the member is in the org but the provider deleted it. */
    boolean isDeleted(OrgId orgId, UserId userId);
}
