package circles.bootstrap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Seeds the synthetic org of the benchmarks straight into PostgreSQL (no API, set-based inserts): a department tree
 * of 200 nodes and depth 4, 50 locations under five regions, {@code size} members with ids {@code prefix} followed
 * by eight digits (1 to {@code size}), 1,000 job titles ({@code Title <i mod 1000>}), member <i>i</i> reporting to
 * member <i>i</i>/8, every third member a contractor (the others employees), custom attributes {@code team} and
 * {@code level}, every 50th member suspended. The planner statistics of the seeded tables are gathered at the end.
 */
public final class SyntheticOrgSeeder {
    /** Nodes of the department tree ({@code d0} to {@code d199}). */
    public static final int DEPARTMENTS = 200;

    private SyntheticOrgSeeder() {
    }

    /** The id of member {@code i} (1-based) of an org seeded with {@code prefix}. */
    public static String memberId(String prefix, int i) {
        return prefix + String.format("%08d", i);
    }

    public static void seed(String orgId, String prefix, int size) throws SQLException {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            UUID org = UUID.fromString(orgId);
            // Department d<k> has parent d<(k-1)/5>: 200 nodes, depth 4; locations l0..l49 under five regions.
            try (PreparedStatement insert = c.prepareStatement("insert into master_data (org_id, kind, key, name,"
                    + " parent_key, path, created_at, updated_at) values (?, ?, ?, ?, ?, ?, now(), now())")) {
                for (int k = 0; k < DEPARTMENTS; k++) {
                    StringBuilder path = new StringBuilder();
                    for (int n = k; ; n = (n - 1) / 5) {
                        path.insert(0, "/d" + n);
                        if (n == 0) {
                            break;
                        }
                    }
                    node(insert, org, "department", "d" + k, k == 0 ? null : "d" + ((k - 1) / 5), path.toString());
                }
                for (int r = 0; r < 5; r++) {
                    node(insert, org, "location", "r" + r, null, "/r" + r);
                }
                for (int l = 0; l < 50; l++) {
                    node(insert, org, "location", "l" + l, "r" + (l % 5), "/r" + (l % 5) + "/l" + l);
                }
                insert.executeBatch();
            }
            s.execute("insert into users (id) select '" + prefix + "' || lpad(i::text, 8, '0')"
                    + " from generate_series(1, " + size + ") i");
            // Member i reports to member i/8: chains up to depth 7 at 1,000,000 members.
            s.execute("insert into org_members (org_id, user_id, role, status, email, display_name, department,"
                    + " location, job_title, manager_id, employee_type, cost_center, custom_attributes, joined_at,"
                    + " updated_at)"
                    + " select '" + org + "', '" + prefix + "' || lpad(i::text, 8, '0'), 'member',"
                    + " case when i % 50 = 0 then 'suspended' else 'active' end,"
                    + " 'user' || i || '@example.org', 'User ' || i, 'd' || (i % 200), 'l' || (i % 50),"
                    + " 'Title ' || (i % 1000),"
                    + " case when i = 1 then null else '" + prefix + "' || lpad(greatest(i / 8, 1)::text, 8, '0') end,"
                    + " case when i % 3 = 0 then 'contractor' else 'employee' end, 'cc' || (i % 40),"
                    + " jsonb_build_object('team', 't' || (i % 20), 'level', (i % 7)::text), now(), now()"
                    + " from generate_series(1, " + size + ") i");
            s.execute("analyze org_members");
            s.execute("analyze master_data");
        }
    }

    private static void node(PreparedStatement insert, UUID org, String kind, String key, String parent, String path)
            throws SQLException {
        insert.setObject(1, org);
        insert.setString(2, kind);
        insert.setString(3, key);
        insert.setString(4, key);
        insert.setString(5, parent);
        insert.setString(6, path);
        insert.addBatch();
    }
}
