package circles.application.port.out.member;

import circles.domain.actor.UserId;
import circles.domain.org.OrgId;

import java.util.List;

/** Who reports to whom inside an org, as the members' {@code managerId} says. */
public interface ReportingLines {
    /**
     * Serialises changes of reporting lines in the org until the current transaction ends, so that two
     * concurrent changes cannot close a cycle together that neither closes alone.
     */
    void lock(OrgId orgId);

    /** The member, their manager, that manager's manager and so on, as stored; at most {@code max} entries. */
    List<UserId> chainFrom(OrgId orgId, UserId userId, int max);

    /** The members whose manager is {@code managerId}. */
    List<UserId> directReports(OrgId orgId, UserId managerId);
}
