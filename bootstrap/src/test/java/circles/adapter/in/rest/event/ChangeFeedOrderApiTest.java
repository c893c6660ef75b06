package circles.adapter.in.rest.event;

import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions that commit in another order than they took their feed positions: a reader between the two commits
 * sees neither event (the older transaction is still open), and continuing from that cursor after both commits gives
 * both, in position order, once each. A feed ordered by commit-blind sequence alone would show the younger event
 * first and then skip the older one.
 */
@QuarkusTest
class ChangeFeedOrderApiTest {

    @Test
    void a_reader_between_two_out_of_order_commits_skips_nothing_and_repeats_nothing() throws SQLException {
        TestOrg org = TestOrg.create();
        String start = ChangeFeed.now(org);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (Connection older = connectAsApplication(); Connection younger = connectAsApplication()) {
            older.setAutoCommit(false);
            younger.setAutoCommit(false);
            insert(older, org.id, first);    // takes its position first ...
            insert(younger, org.id, second);
            younger.commit();

            ChangeFeed.Read between = ChangeFeed.all(org, start, null, 100);
            assertThat(ids(between.events())).doesNotContain(first.toString(), second.toString());

            older.commit();                  // ... and commits last
            List<Map<String, Object>> after = ChangeFeed.await(org, between.cursor(),
                    read -> ids(read).contains(first.toString()));

            assertThat(ids(after)).containsExactly(first.toString(), second.toString());
            assertThat(ids(ChangeFeed.all(org, start, null, 1).events()))
                    .containsExactly(first.toString(), second.toString());
        }
    }

    private static List<String> ids(List<Map<String, Object>> events) {
        return events.stream().map(event -> (String) event.get("id")).toList();
    }

    /** The adapter's insert, in a transaction of its own that stays open until the test commits it. */
    private static void insert(Connection connection, String orgId, UUID id) throws SQLException {
        set(connection, "circles.org_id", orgId);
        String group = UUID.randomUUID().toString();
        String time = Instant.now().toString();
        String payload = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/orgs/" + orgId + "\","
                + "\"type\":\"circles.group.created\",\"subject\":\"" + group + "\",\"time\":\"" + time + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"orgId\":\"" + orgId + "\",\"groupId\":\""
                + group + "\"}}";
        try (PreparedStatement insert = connection.prepareStatement("insert into public_events (id, aggregatetype,"
                + " aggregateid, type, payload, org_id, occurred_at) values (?, 'group', ?, 'circles.group.created',"
                + " cast(? as jsonb), ?, now())")) {
            insert.setObject(1, id);
            insert.setString(2, group);
            insert.setString(3, payload);
            insert.setObject(4, UUID.fromString(orgId));
            insert.executeUpdate();
        }
    }
}
