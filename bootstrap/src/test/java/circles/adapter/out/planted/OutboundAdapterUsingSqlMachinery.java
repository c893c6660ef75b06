package circles.adapter.out.planted;

import circles.adapter.out.persistence.sql.KeysetCursor;

/**
 * A planted violation for the architecture rules' own test: an adapter other than persistence must not use the
 * persistence adapter's SQL machinery.
 */
public final class OutboundAdapterUsingSqlMachinery {
    public Object page(KeysetCursor cursor) {
        return cursor;
    }
}
