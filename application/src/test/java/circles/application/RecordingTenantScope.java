package circles.application;

import circles.application.port.out.shared.TenantScope;
import circles.domain.org.OrgId;

import java.util.ArrayList;
import java.util.List;

/** Remembers which orgs the transactions said they work in ({@code null}: standalone data). */
public final class RecordingTenantScope implements TenantScope {
    private final List<OrgId> entered = new ArrayList<>();

    @Override
    public void enter(OrgId orgId) {
        entered.add(orgId);
    }

    public List<OrgId> entered() {
        return List.copyOf(entered);
    }
}
