package circles.application.service.access;

import circles.application.port.in.access.RequestScopeUseCase;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

/** The sight checks of {@link RequestScopeUseCase}, each in a short read-only transaction of its own. */
public final class RequestScopeService implements RequestScopeUseCase {
    private final UnitOfWork tx;
    private final Access access;

    public RequestScopeService(UnitOfWork tx, Access access) {
        this.tx = tx;
        this.access = access;
    }

    @Override
    public void requireOrgInSight(OrgId orgId) {
        tx.inTransaction(() -> access.requireOrgMember(orgId));
    }

    @Override
    public void requireGroupInSight(GroupId groupId) {
        tx.inTransaction(() -> access.requireVisibleOrOwnMembership(groupId));
    }
}
