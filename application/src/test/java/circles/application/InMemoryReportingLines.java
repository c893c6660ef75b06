package circles.application;

import circles.application.port.out.member.ReportingLines;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;

import java.util.ArrayList;
import java.util.List;

/** Follows {@code managerId} through the in-memory members; locking is a no-op (tests run one use case at once). */
public final class InMemoryReportingLines implements ReportingLines {
    private final InMemoryDatabase db;

    public InMemoryReportingLines(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void lock(OrgId orgId) {
        db.requireTransaction();
    }

    @Override
    public List<UserId> chainFrom(OrgId orgId, UserId userId, int max) {
        List<UserId> chain = new ArrayList<>();
        UserId next = userId;
        while (next != null && chain.size() < max) {
            OrgMember member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, next));
            if (member == null) {
                break;
            }
            chain.add(next);
            next = member.profile().managerId();
        }
        return chain;
    }

    @Override
    public List<UserId> directReports(OrgId orgId, UserId managerId) {
        return db.orgMembers.values().stream()
                .filter(member -> member.orgId().equals(orgId) && managerId.equals(member.profile().managerId()))
                .map(OrgMember::userId)
                .sorted()
                .toList();
    }
}
