package circles.adapter.in.rest.group;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.out.persistence.sql.RuntimeRoleJdbc.connectAsApplication;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Concurrent creates of one org's groups are committed together (group commit), yet each request gets the answer it
 * would get alone and a 201 still means committed. The tests hold the first create's commit back with a table lock
 * (as a slow disk would), so the creates sent meanwhile queue up and are written as one batch when it is released.
 */
@QuarkusTest
class GroupCreateBatchApiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void fifty_concurrent_creates_each_get_their_own_group_once_with_one_audit_and_one_public_event()
            throws Exception {
        TestOrg org = TestOrg.create();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            names.add(Ids.unique("Batched"));
        }

        List<Response> answers = whileCommitsAreHeld(names.stream().map(name -> create(org, name)).toList());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Response answer = answers.get(i);
            answer.then().statusCode(201);
            assertThat((String) answer.path("name")).isEqualTo(names.get(i));
            assertThat(answer.header("Location")).endsWith("/v1/groups/" + answer.path("id"));
            ids.add(answer.path("id"));
        }
        assertThat(ids).doesNotHaveDuplicates();
        List<String> listed = listedIds(org);
        for (String id : ids) {
            assertThat(listed).as("group %s in the org's list", id).containsOnlyOnce(id);
            RestApi.as(org.admin).get("/v1/groups/{groupId}", id).then().statusCode(200);
            List<Map<String, Object>> audit = RestApi.as(org.admin).queryParam("targetId", id)
                    .get("/v1/orgs/{orgId}/audit-events", org.id).then().statusCode(200).extract().path("items");
            assertThat(audit).extracting(event -> event.get("action")).containsExactly("group.created");
        }
        List<Map<String, Object>> created = feed(org).stream()
                .filter(event -> "circles.group.created".equals(event.get("type"))).toList();
        for (String id : ids) {
            assertThat(created).filteredOn(event -> id.equals(event.get("subject"))).hasSize(1);
        }
        // Written together: creates that queued behind the held commit share transactions.
        assertThat(largestTransaction(org, ids)).isGreaterThan(1);
    }

    @Test
    void groups_created_in_one_batch_are_each_found_by_a_search_for_part_of_their_name_and_have_exactly_their_grams()
            throws Exception {
        TestOrg org = TestOrg.create();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            names.add(Ids.unique("Findable " + (char) ('a' + i) + "q" + (char) ('z' - i) + " batch"));
        }

        List<Response> answers = whileCommitsAreHeld(names.stream().map(name -> create(org, name)).toList());

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            answers.get(i).then().statusCode(201);
            ids.add(answers.get(i).path("id"));
            String part = names.get(i).substring(9, 12);
            List<String> found = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("q", part)
                    .queryParam("limit", 100).get("/v1/groups").then().statusCode(200).extract().path("items.id");
            assertThat(found).as("search for '%s'", part).containsExactly(ids.get(i));
        }
        assertThat(largestTransaction(org, ids)).isGreaterThan(1);
        assertThat(gramsDifferingFromTheirGroups(org, ids)).isZero();
    }

    @Test
    void a_name_taken_twice_in_one_batch_gets_one_409_and_the_other_creates_their_groups() throws Exception {
        TestOrg org = TestOrg.create();
        String twice = Ids.unique("Twice");
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(create(org, Ids.unique("Other")));
        }
        requests.add(5, create(org, twice));
        requests.add(create(org, twice));

        List<Response> answers = whileCommitsAreHeld(requests);

        List<Response> refused = answers.stream().filter(answer -> answer.statusCode() != 201).toList();
        assertThat(refused).hasSize(1);
        refused.getFirst().then().statusCode(409);
        assertThat((String) refused.getFirst().path("type")).endsWith("/group-name-taken");
        assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(11);
        List<String> listedNames = listedNames(org);
        assertThat(listedNames).containsOnlyOnce(twice);
        answers.stream().filter(answer -> answer.statusCode() == 201)
                .forEach(answer -> assertThat(listedNames).contains((String) answer.path("name")));
        assertThat(createdEventNames(org)).hasSize(11).containsOnlyOnce(twice);
    }

    @Test
    void forbidden_callers_among_batched_creates_get_403_or_404_and_write_nothing() throws Exception {
        TestOrg org = TestOrg.create();
        String member = org.member();
        String outsider = Ids.user("outsider");
        String byMember = Ids.unique("ByMember");
        String byOutsider = Ids.unique("ByOutsider");
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(create(org, Ids.unique("Allowed")));
        }
        requests.add(3, () -> RestApi.as(member).contentType(JSON).body(body(org, byMember)).post("/v1/groups"));
        requests.add(() -> RestApi.as(outsider).contentType(JSON).body(body(org, byOutsider)).post("/v1/groups"));

        List<Response> answers = whileCommitsAreHeld(requests);

        answers.get(3).then().statusCode(403);
        answers.getLast().then().statusCode(404);
        assertThat(answers.stream().filter(answer -> answer.statusCode() == 201)).hasSize(10);
        assertThat(listedNames(org)).doesNotContain(byMember, byOutsider);
        assertThat(auditedNames(org)).hasSize(10).doesNotContain(byMember, byOutsider);
        assertThat(createdEventNames(org)).hasSize(10).doesNotContain(byMember, byOutsider);
    }

    @Test
    void the_same_idempotency_key_twice_among_batched_creates_makes_one_group_and_the_same_answer()
            throws Exception {
        TestOrg org = TestOrg.create();
        String key = Ids.unique("key");
        String keyed = Ids.unique("Keyed");
        Callable<Response> keyedCreate = () -> RestApi.as(org.admin).contentType(JSON).header("Idempotency-Key", key)
                .body(body(org, keyed)).post("/v1/groups");
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(create(org, Ids.unique("Plain")));
        }
        requests.add(2, keyedCreate);
        requests.add(keyedCreate);

        List<Response> answers = whileCommitsAreHeld(requests);

        answers.forEach(answer -> answer.then().statusCode(201));
        assertThat((String) answers.get(2).path("id")).isEqualTo(answers.getLast().path("id"));
        assertThat(listedNames(org)).containsOnlyOnce(keyed);
        assertThat(listedNames(org)).hasSize(9 + presetCount(org));
    }

    @Test
    void a_database_failure_during_a_batch_answers_each_of_its_creates_with_an_error_and_writes_none_of_them()
            throws Exception {
        TestOrg org = TestOrg.create();
        // As many held creates as batches of an org may be in flight: the others queue behind them.
        int inFlight = ConfigProvider.getConfig().getValue("circles.groups.create-batch.in-flight", Integer.class);
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            firsts.add(Ids.unique("First"));
        }
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            failing.add(Ids.unique("Failing"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(failing.size() + inFlight + 1);
        try (Connection events = connectAsApplication(); Connection audit = connectAsApplication()) {
            events.setAutoCommit(false);
            audit.setAutoCommit(false);
            execute(events, "lock table public_events in share mode");
            List<Future<Response>> held = new ArrayList<>();
            for (String first : firsts) {
                held.add(clients.submit(create(org, first)));
                awaitWaitingInserts("public_events", held.size());
            }
            List<Future<Response>> queued = new ArrayList<>();
            for (String name : failing) {
                queued.add(clients.submit(create(org, name)));
            }
            letThemQueue();
            // The held creates have written their audit events: this lock is granted when they commit, before the
            // queued creates, written in the batches next, reach their audit events. There they wait, and are
            // cancelled.
            Future<?> auditLocked = clients.submit(() -> {
                execute(audit, "lock table audit_events in share mode");
                return null;
            });
            events.commit();
            for (Future<Response> each : held) {
                assertThat(each.get().statusCode()).isEqualTo(201);
            }
            auditLocked.get();
            awaitWaitingInsert("audit_events");
            letThemQueue();
            try (Connection canceller = connectAsApplication(); Statement cancel = canceller.createStatement()) {
                cancel.executeQuery("select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like 'insert into audit_events%'").close();
            }
            for (Future<Response> answer : queued) {
                answer.get().then().statusCode(503);
                assertThat(answer.get().header("Retry-After")).isNotBlank();
            }
            audit.commit();
        } finally {
            clients.shutdownNow();
        }
        List<String> listedNames = listedNames(org);
        assertThat(listedNames).containsAll(firsts).doesNotContainAnyElementsOf(failing);
        assertThat(auditedNames(org)).containsExactlyInAnyOrderElementsOf(firsts);
        assertThat(createdEventNames(org)).containsExactlyInAnyOrderElementsOf(firsts);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Callable<Response> create(TestOrg org, String name) {
        return () -> RestApi.as(org.admin).contentType(JSON).body(body(org, name)).post("/v1/groups");
    }

    private static Map<String, Object> body(TestOrg org, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("orgId", org.id);
        body.put("name", name);
        body.put("type", "project");
        body.put("visibility", "public");
        return body;
    }

    /**
     * Sends the first request while the public event log is locked (its commit cannot happen), then the others,
     * which queue behind it; releases the lock once they are all waiting and returns the answers in request order.
     */
    private static List<Response> whileCommitsAreHeld(List<Callable<Response>> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try (Connection lock = connectAsApplication()) {
            lock.setAutoCommit(false);
            execute(lock, "lock table public_events in share mode");
            List<Future<Response>> answers = new ArrayList<>();
            answers.add(clients.submit(requests.getFirst()));
            awaitWaitingInsert("public_events");
            for (Callable<Response> request : requests.subList(1, requests.size())) {
                answers.add(clients.submit(request));
            }
            letThemQueue();
            lock.commit();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            clients.shutdownNow();
        }
    }

    /** The process id of a session waiting for a lock to insert into {@code table}. */
    private static long awaitWaitingInsert(String table) throws Exception {
        return await(() -> {
            try (Connection connection = connectAsApplication(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select pid from pg_stat_activity where wait_event_type = 'Lock'"
                         + " and query like 'insert into " + table + "%'")) {
                return rows.next() ? rows.getLong(1) : null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until at least {@code count} sessions wait for a lock to insert into {@code table}. */
    private static void awaitWaitingInserts(String table, int count) throws Exception {
        await(() -> {
            try (Connection connection = connectAsApplication(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type"
                         + " = 'Lock' and query like 'insert into " + table + "%'")) {
                rows.next();
                return rows.getLong(1) >= count ? Boolean.TRUE : null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Gives creates sent a moment ago the time to pass their checks and queue behind a held commit. */
    private static void letThemQueue() throws InterruptedException {
        Thread.sleep(1500);
    }

    private static <T> T await(Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        T found = probe.get();
        while (found == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing came within " + PATIENCE);
            }
            Thread.sleep(20);
            found = probe.get();
        }
        return found;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * How many (group, gram) rows of these groups differ from the grams of their stored name, slug and description:
     * rows missing plus rows too many.
     */
    private static long gramsDifferingFromTheirGroups(TestOrg org, List<String> ids) throws SQLException {
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set(connection, "circles.org_id", org.id);
            try (PreparedStatement select = connection.prepareStatement("select count(*) from ((select g.id, x.gram"
                    + " from groups g cross join lateral circles_group_grams(g.name, g.slug, g.description) x(gram)"
                    + " where g.id = any(?::uuid[]) except all select group_id, gram from group_search_grams"
                    + " where group_id = any(?::uuid[])) union all (select group_id, gram from group_search_grams"
                    + " where group_id = any(?::uuid[]) except all select g.id, x.gram from groups g cross join lateral"
                    + " circles_group_grams(g.name, g.slug, g.description) x(gram) where g.id = any(?::uuid[]))) d")) {
                for (int i = 1; i <= 4; i++) {
                    select.setArray(i, connection.createArrayOf("text", ids.toArray()));
                }
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** The most public events of these groups that one transaction wrote. */
    private static long largestTransaction(TestOrg org, List<String> ids) throws SQLException {
        try (Connection connection = connectAsApplication()) {
            connection.setAutoCommit(false);
            circles.adapter.out.persistence.sql.RuntimeRoleJdbc.set(connection, "circles.org_id", org.id);
            try (PreparedStatement select = connection.prepareStatement("select max(n) from (select count(*) n from public_events"
                    + " where org_id = ?::uuid and aggregateid = any(?) group by tx) t")) {
                select.setString(1, org.id);
                select.setArray(2, connection.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<Map<String, Object>> listed(TestOrg org) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestApi.as(org.admin).queryParam("orgId", org.id).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/groups");
            page.then().statusCode(200);
            items.addAll(page.path("items"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return items;
    }

    private static List<String> listedIds(TestOrg org) {
        return listed(org).stream().map(group -> (String) group.get("id")).toList();
    }

    private static List<String> listedNames(TestOrg org) {
        return listed(org).stream().map(group -> (String) group.get("name")).toList();
    }

    private static int presetCount(TestOrg org) {
        return (int) listed(org).stream().filter(group -> group.get("preset") != null).count();
    }

    /** The names of the static groups in the org's {@code circles.group.created} events (its defaults are dynamic). */
    private static List<String> createdEventNames(TestOrg org) {
        return feed(org).stream().filter(event -> "circles.group.created".equals(event.get("type")))
                .map(event -> (Map<?, ?>) event.get("data")).filter(data -> "static".equals(data.get("kind")))
                .map(data -> (String) data.get("name")).toList();
    }

    /** The names in the org's {@code group.created} audit events by its admin of static project groups. */
    private static List<String> auditedNames(TestOrg org) {
        List<Map<String, Object>> audit = RestApi.as(org.admin).queryParam("action", "group.created")
                .queryParam("limit", 100).get("/v1/orgs/{orgId}/audit-events", org.id)
                .then().statusCode(200).extract().path("items");
        return audit.stream().map(event -> (Map<?, ?>) event.get("summary"))
                .filter(summary -> "project".equals(summary.get("type"))).map(summary -> (String) summary.get("name"))
                .toList();
    }

    private static List<Map<String, Object>> feed(TestOrg org) {
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = null;
        boolean more;
        do {
            var request = RestApi.as(org.admin).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/v1/orgs/{orgId}/events", org.id);
            page.then().statusCode(200);
            events.addAll(page.path("items"));
            cursor = page.path("nextCursor");
            more = page.path("hasMore");
        } while (more);
        return events;
    }
}
