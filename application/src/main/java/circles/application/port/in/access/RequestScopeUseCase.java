package circles.application.port.in.access;

import circles.domain.group.GroupId;
import circles.domain.org.OrgId;

/**
 * Checks the caller's sight of the org or group a request is about, before the request's body is read: a caller
 * who may not know the org or group learns that from a 404 without the service reading a byte of what they sent.
 * The use case of the request still checks its own, finer rights afterwards.
 */
public interface RequestScopeUseCase {

    /** Nothing when the caller is an active member of the org (or a platform admin); otherwise a 404. */
    void requireOrgInSight(OrgId orgId);

    /**
     * Nothing when the caller may see the group or holds a membership of it in any status (a pending member may
     * still leave); otherwise a 404, also when the group does not exist.
     */
    void requireGroupInSight(GroupId groupId);
}
