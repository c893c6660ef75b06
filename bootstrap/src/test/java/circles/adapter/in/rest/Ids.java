package circles.adapter.in.rest;

import java.util.UUID;

/** Names that no other test uses: the database is shared by every test of the run. */
public final class Ids {
    private Ids() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String user(String role) {
        return unique("rest-" + role);
    }
}
