package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.TenantScope;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.Supplier;

/**
 * Tells PostgreSQL which org the current transaction works in, through the transaction-local settings that
 * the row-level security policies read ({@code circles.org_id}; {@code circles.scope} for cross-org work).
 * The settings end with the transaction, so a pooled connection never carries them into the next one.
 *
 * <p>Repositories call {@link #enter} for operations that name an org, and {@link #acrossOrgs} for the few
 * operations that must span orgs; everything else runs in the org the use case entered.
 */
@ApplicationScoped
public class TenantScopeAdapter implements TenantScope {
    public static final String ORG_SETTING = "circles.org_id";
    public static final String SCOPE_SETTING = "circles.scope";
    private static final String ENTERED_ORG = TenantScopeAdapter.class.getName() + ".org";
    private static final String CROSS_ORG_DEPTH = TenantScopeAdapter.class.getName() + ".crossOrgDepth";

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transaction;

    @Inject
    public TenantScopeAdapter(EntityManager em, TransactionSynchronizationRegistry transaction) {
        this.em = em;
        this.transaction = transaction;
    }

    @Override
    public void enter(OrgId orgId) {
        String value = orgId == null ? "" : orgId.toString();
        if (value.equals(transaction.getResource(ENTERED_ORG))) {
            return;
        }
        set(ORG_SETTING, value);
        transaction.putResource(ENTERED_ORG, value);
    }

    /**
     * Runs {@code work} with every org's rows in reach, then returns the transaction to the org it was in.
     * Only for the explicitly cross-org operations of the ports; nested calls share the outer scope.
     */
    public <T> T acrossOrgs(Supplier<T> work) {
        int depth = crossOrgDepth();
        if (depth == 0) {
            set(SCOPE_SETTING, "all");
        }
        transaction.putResource(CROSS_ORG_DEPTH, depth + 1);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            leaveCrossOrg(depth, failure);
            throw failure;
        }
        leaveCrossOrg(depth, null);
        return result;
    }

    public void acrossOrgs(Runnable work) {
        acrossOrgs(() -> {
            work.run();
            return null;
        });
    }

    /**
     * A query to run across orgs in one round trip: unless the transaction works across orgs already, the query is
     * sent between the statements that set and reset the cross-org setting (the JDBC driver sends the three
     * together), instead of one round trip for each. {@code leading} is the number of results before the query's.
     * A failing query aborts the transaction, and the setting ends with it.
     */
    public CrossOrgQuery acrossOrgs(String sql) {
        if (crossOrgDepth() > 0) {
            return new CrossOrgQuery(sql, 0);
        }
        return new CrossOrgQuery("select set_config('" + SCOPE_SETTING + "', 'all', true); " + sql
                + "; select set_config('" + SCOPE_SETTING + "', '', true)", 1);
    }

    /**
     * A query to run in {@code orgId} in one round trip: unless the transaction works in that org already, the query
     * is sent after the statement that enters the org (the JDBC driver sends the two together), instead of one round
     * trip for each. The org counts as entered from here on; a failing query aborts the transaction, and the setting
     * ends with it.
     */
    public CrossOrgQuery inOrg(OrgId orgId, String sql) {
        String value = orgId.toString();
        if (value.equals(transaction.getResource(ENTERED_ORG))) {
            return new CrossOrgQuery(sql, 0);
        }
        transaction.putResource(ENTERED_ORG, value);
        // An OrgId is a UUID, so its text is safe to send as a literal.
        return new CrossOrgQuery("select set_config('" + ORG_SETTING + "', '" + value + "', true); " + sql, 1);
    }

    /** See {@link #acrossOrgs(String)}. */
    public record CrossOrgQuery(String sql, int leading) {
    }

    private void leaveCrossOrg(int depth, Throwable failure) {
        transaction.putResource(CROSS_ORG_DEPTH, depth);
        if (depth > 0) {
            return;
        }
        try {
            set(SCOPE_SETTING, "");
        } catch (RuntimeException resetFailure) {
            // The transaction failed already and will roll back; keep the original failure.
            if (failure == null) {
                throw resetFailure;
            }
            failure.addSuppressed(resetFailure);
        }
    }

    private int crossOrgDepth() {
        Object depth = transaction.getResource(CROSS_ORG_DEPTH);
        return depth == null ? 0 : (Integer) depth;
    }

    private void set(String setting, String value) {
        em.createNativeQuery("select set_config(:setting, :value, true)")
                .setParameter("setting", setting)
                .setParameter("value", value)
                .getSingleResult();
    }
}
