package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.AdvisoryLocks;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.member.ReportingLines;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

/** Reporting lines from {@code org_members.manager_id}, read with a recursive query. */
@ApplicationScoped
public class ReportingLinesAdapter implements ReportingLines {
    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    ReportingLinesAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public void lock(OrgId orgId) {
        scope.enter(orgId);
        AdvisoryLocks.lock(em, "circles.reporting-lines:" + orgId);
    }

    @Override
    public List<UserId> chainFrom(OrgId orgId, UserId userId, int max) {
        scope.enter(orgId);
        em.flush();
        @SuppressWarnings("unchecked")
        List<String> chain = em.createNativeQuery("with recursive chain (user_id, manager_id, depth) as ("
                        + " select m.user_id, m.manager_id, 1 from org_members m"
                        + " where m.org_id = :org and m.user_id = :user"
                        + " union all"
                        + " select m.user_id, m.manager_id, c.depth + 1 from chain c"
                        + " join org_members m on m.org_id = :org and m.user_id = c.manager_id"
                        + " where c.depth < :max)"
                        + " select user_id from chain order by depth")
                .setParameter("org", orgId.value())
                .setParameter("user", userId.value())
                .setParameter("max", max)
                .getResultList();
        return chain.stream().map(UserId::new).toList();
    }

    @Override
    public List<UserId> directReports(OrgId orgId, UserId managerId) {
        scope.enter(orgId);
        @SuppressWarnings("unchecked")
        List<String> reports = em.createNativeQuery("select user_id from org_members"
                        + " where org_id = :org and manager_id = :manager order by user_id")
                .setParameter("org", orgId.value())
                .setParameter("manager", managerId.value())
                .getResultList();
        return reports.stream().map(UserId::new).toList();
    }
}
