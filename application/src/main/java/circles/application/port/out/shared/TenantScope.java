package circles.application.port.out.shared;

import circles.domain.org.OrgId;

/**
 * Tells the storage which org the current transaction works in, so that org data of any other org stays
 * out of reach even if a query forgets to filter. {@code null} means standalone (org-less) data only.
 * Reads that must span orgs are separate, explicitly named repository operations.
 */
public interface TenantScope {
    void enter(OrgId orgId);
}
