package circles.application.port.out.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedIdentity;
import circles.domain.provisioning.ProvisionedUser;

import java.util.List;
import java.util.Optional;

/** Org members together with the identity an identity provider knows them by. */
public interface ProvisionedUserRepository {
    Optional<ProvisionedUser> find(OrgId orgId, UserId userId);

    /** In userId order. */
    Page<ProvisionedUser> list(OrgId orgId, PageRequest page);

    /**
     * Members whose stored userName equals {@code userName} ignoring case, and members without a stored identity
     * whose userId does.
     */
    List<ProvisionedUser> withUserName(OrgId orgId, String userName);

    /** Inserts or replaces the identity of a member; a userName another member of the org has is a conflict. */
    void saveIdentity(OrgId orgId, UserId userId, ProvisionedIdentity identity);
}
