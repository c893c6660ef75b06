package circles.adapter.in.rest.event;

import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.TestOrg;
import circles.bootstrap.support.PostgresTestResource;
import circles.bootstrap.support.SyntheticOrgSeeder;
import circles.bootstrap.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the public event log costs the writes that publish into it (not part of the test suite: tagged
 * {@code benchmark}, run by {@code ./benchmark/events.sh}). One org is seeded straight into PostgreSQL (the synthetic
 * org of the dynamic-group benchmark), then rounds alternate between A, the log as shipped, and B, the log switched
 * off by a row trigger on {@code public_events} that drops every row before it is stored ({@code before insert ...
 * return null}, created for B and dropped for A through the administrative connection). B therefore leaves out the
 * rows' storage: the heap insert, the three indexes, the constraints and row-level security check, the WAL and its
 * share of the commit's flush. It keeps the JVM building the event (a static add's CloudEvent JSON, an evaluation's
 * arrays), the statement, the payloads the database builds for an evaluation's events, the identity value and the
 * trigger's own call. (A rule {@code do instead nothing} would leave out more, but PostgreSQL keeps no dependency on
 * the table in a statement rewritten to nothing, so sessions that prepared the insert while the rule existed go on
 * dropping events after it is dropped.) Each round measures:
 * <ul>
 *   <li>static adds, {@code POST /v1/groups/{groupId}/members} with one new member each: one client (p50, p99,
 *       adds per second), then {@link #CLIENTS} clients (adds per second);</li>
 *   <li>the rule of a dynamic group replaced ({@code PUT /v1/groups/{groupId}/rule}) so that about 5,000 members
 *       change, below the member-event limit: one event per member;</li>
 *   <li>the rule of a dynamic group replaced so that nearly every member of the org changes (employees to
 *       contractors and back): above the limit, one bulk event.</li>
 * </ul>
 * It prints the per-round figures, the median of each side and the ratio with/without, and checks that A wrote the
 * expected events and B none.
 */
@QuarkusTest
@Tag("benchmark")
class PublicEventLogBenchmark {
    private static final int CLIENTS = 8;
    private static final String SKIP_FUNCTION = "create or replace function benchmark_public_events_skip()"
            + " returns trigger language plpgsql as $$ begin return null; end $$";
    private static final String LOG_OFF = "create trigger benchmark_public_events_off before insert on public_events"
            + " for each row execute function benchmark_public_events_skip()";
    private static final String LOG_ON = "drop trigger if exists benchmark_public_events_off on public_events";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, List<Double>> with = new LinkedHashMap<>();
    private final Map<String, List<Double>> without = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();

    private TestOrg org;
    private String prefix;
    private int size;
    private final AtomicInteger nextMember = new AtomicInteger(10);

    private static int setting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    @Test
    void the_cost_of_the_public_event_log() throws Exception {
        size = setting("CIRCLES_BENCHMARK_EVENT_MEMBERS", 1_000_000);
        int rounds = setting("CIRCLES_BENCHMARK_EVENT_ROUNDS", 3);
        int adds = setting("CIRCLES_BENCHMARK_EVENT_ADDS", 1_000);
        String started = loadAverage();
        org = TestOrg.create();
        prefix = "e" + UUID.randomUUID().toString().substring(0, 6) + "-";
        long seedStart = System.nanoTime();
        SyntheticOrgSeeder.seed(org.id, prefix, size);
        long seeding = (System.nanoTime() - seedStart) / 1_000_000;
        switchLog(true);

        String staticGroup = org.group("organization");
        // About 5,000 changes: job titles hold size/1,000 members each; none of titles 1..49 holds a suspended member.
        int perTitle = Math.max(1, size / 1000);
        int titles = Math.min(49, Math.max(2, Math.round(5000f / perTitle)));
        int firstSide = (titles * 3 + 4) / 5;
        Map<String, Object> smallA = titleRule(1, firstSide);
        Map<String, Object> smallB = titleRule(firstSide + 1, titles);
        Map<String, Object> bigA = typeRule("employee");
        Map<String, Object> bigB = typeRule("contractor");
        String smallGroup = dynamicGroup(smallA);
        String bigGroup = dynamicGroup(bigA);

        // Warm-up with the log on: JIT, plans, pools; the small group's rule goes back and forth, the large one's forth.
        sequentialAdds(staticGroup, 200);
        boolean smallOnA = toggle(smallGroup, smallA, smallB, true);
        smallOnA = toggle(smallGroup, smallA, smallB, smallOnA);
        boolean bigOnA = toggle(bigGroup, bigA, bigB, true);
        int smallChanges = members(smallGroup, smallA, smallB);
        int bigChanges = bigMembers(bigGroup);

        lines.add(String.format(Locale.ROOT, "%,d members seeded in %,d ms; %d rounds A/B; %,d adds per client phase;"
                + " small rule change %,d members (job titles 1-%d <-> %d-%d), large rule change %,d members"
                + " (employees <-> contractors)", size, seeding, rounds, adds, smallChanges, firstSide,
                firstSide + 1, titles, bigChanges));
        for (int round = 1; round <= rounds; round++) {
            for (boolean logOn : new boolean[] {true, false}) {
                switchLog(logOn);
                Map<String, List<Double>> side = logOn ? with : without;
                CpuWindow window = CpuWindow.start();
                String load = loadAverage();

                long before = publicEvents();
                long[] sequential = sequentialAdds(staticGroup, adds);
                long afterSequential = publicEvents();
                double concurrent = concurrentAdds(staticGroup, adds);
                long afterConcurrent = publicEvents();
                String where = "round " + round + (logOn ? " A" : " B") + ": ";
                assertThat(afterSequential - before).as(where + "static adds' events, one client").isEqualTo(logOn ? adds : 0);
                assertThat(afterConcurrent - afterSequential).as(where + "static adds' events, " + CLIENTS + " clients").isEqualTo(logOn ? adds : 0);

                long start = System.nanoTime();
                smallOnA = toggle(smallGroup, smallA, smallB, smallOnA);
                double small = (System.nanoTime() - start) / 1e6;
                long afterSmall = publicEvents();
                // The rule's event and one event per changed member.
                assertThat(afterSmall - afterConcurrent).as(where + "small rule change's events")
                        .isEqualTo(logOn ? smallChanges + 1 : 0);

                start = System.nanoTime();
                bigOnA = toggle(bigGroup, bigA, bigB, bigOnA);
                double big = (System.nanoTime() - start) / 1e6;
                long afterBig = publicEvents();
                // The rule's event and one bulk event.
                assertThat(afterBig - afterSmall).as(where + "large rule change's events").isEqualTo(logOn ? 2 : 0);

                long[] sorted = sequential.clone();
                Arrays.sort(sorted);
                double p50 = sorted[sorted.length / 2] / 1e6;
                double p99 = sorted[(int) (sorted.length * 0.99)] / 1e6;
                double sequentialRate = adds / (Arrays.stream(sequential).sum() / 1e9);
                record(side, "static add, 1 client: p50 ms", p50);
                record(side, "static add, 1 client: p99 ms", p99);
                record(side, "static add, 1 client: adds/s", sequentialRate);
                record(side, "static add, " + CLIENTS + " clients: adds/s", concurrent);
                record(side, String.format(Locale.ROOT, "rule change, %,d members: ms", smallChanges), small);
                record(side, String.format(Locale.ROOT, "rule change, %,d members: ms", bigChanges), big);
                lines.add(String.format(Locale.ROOT, "round %d %s (load %s; %s): add p50 %.2f ms, p99 %.2f ms,"
                                + " %.0f adds/s; %d clients %.0f adds/s; rule change %,d members %.0f ms; %,d members %.0f ms",
                        round, logOn ? "A with the log   " : "B without the log", load, window.end(), p50, p99,
                        sequentialRate, CLIENTS, concurrent, smallChanges, small, bigChanges, big));
            }
        }
        switchLog(true);
        String report = report(started);
        System.out.println(report);
        Files.writeString(Path.of("target", "events-benchmark.txt"), report);
    }

    private String report(String started) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append("Public event log benchmark: A = the log as shipped, B = every row of public_events dropped by a"
                + " before-insert row trigger returning null").append(nl);
        out.append("(B leaves out the rows' storage: heap insert, 3 indexes, constraints and RLS check, WAL, its share"
                + " of the commit flush. B keeps: the JVM building each static add's CloudEvent JSON and an"
                + " evaluation's arrays, the statement, the payloads the database builds for per-member events, the"
                + " identity value, the trigger call)").append(nl);
        out.append("PostgreSQL with fsync, synchronous_commit and full_page_writes on; one org; over HTTP with a real"
                + " token; shared machine").append(nl);
        out.append("load average at the start: ").append(started).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs").append(nl).append(nl);
        lines.forEach(line -> out.append(line).append(nl));
        out.append(nl).append(String.format(Locale.ROOT, "%-44s %12s %12s %8s   %s%n", "figure (median of rounds)",
                "A with", "B without", "A/B", "A rounds | B rounds"));
        for (String figure : with.keySet()) {
            List<Double> a = with.get(figure);
            List<Double> b = without.get(figure);
            double ma = median(a);
            double mb = median(b);
            out.append(String.format(Locale.ROOT, "%-44s %12.2f %12.2f %8.3f   %s | %s%n", figure, ma, mb,
                    mb == 0 ? 0.0 : ma / mb, joined(a), joined(b)));
        }
        out.append(nl).append("For times A/B > 1 is the log's cost; for adds/s A/B < 1 is.").append(nl);
        out.append("load average at the end of the measurements: ").append(loadAverage()).append(nl);
        return out.toString();
    }

    private static String joined(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(" "));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void record(Map<String, List<Double>> side, String figure, double value) {
        side.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
    }

    private static Map<String, Object> titleRule(int from, int to) {
        List<String> values = IntStream.rangeClosed(from, to).mapToObj(i -> "Title " + i).toList();
        return Map.of("all", List.of(Map.of("criterion", "attribute", "field", "jobTitle", "operator", "in_list",
                "value", values)));
    }

    private static Map<String, Object> typeRule(String type) {
        return Map.of("all", List.of(Map.of("criterion", "attribute", "field", "employeeType", "operator", "equals",
                "value", type)));
    }

    private String dynamicGroup(Map<String, Object> rule) {
        return org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom", "rule", rule))
                .then().statusCode(201).extract().path("id");
    }

    /** Replaces the group's rule by the other one; returns whether the group now has rule A. */
    private boolean toggle(String groupId, Map<String, Object> a, Map<String, Object> b, boolean onA) throws Exception {
        Map<String, Object> next = onA ? b : a;
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("rule", next));
        HttpResponse<String> response = http.send(request("/v1/groups/" + groupId + "/rule")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return !onA;
    }

    /** Members that change on each replacement of the small group's rule: both sides, which are disjoint. */
    private int members(String groupId, Map<String, Object> a, Map<String, Object> b) throws SQLException {
        return count("select count(*) from org_members where org_id = '" + org.id + "' and status = 'active'"
                + " and job_title in (" + titles(a) + "," + titles(b) + ")");
    }

    @SuppressWarnings("unchecked")
    private static String titles(Map<String, Object> rule) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) rule.get("all");
        return ((List<String>) all.getFirst().get("value")).stream().map(t -> "'" + t + "'")
                .collect(Collectors.joining(","));
    }

    /** Members that change on each replacement of the large group's rule: every active employee and contractor. */
    private int bigMembers(String groupId) throws SQLException {
        return count("select count(*) from org_members where org_id = '" + org.id + "' and status = 'active'");
    }

    private long[] sequentialAdds(String groupId, int adds) throws Exception {
        long[] times = new long[adds];
        for (int i = 0; i < adds; i++) {
            HttpRequest add = addRequest(groupId);
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(add, HttpResponse.BodyHandlers.ofString());
            times[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        return times;
    }

    /** {@code adds} new members added by {@link #CLIENTS} clients at once; adds per second. */
    private double concurrentAdds(String groupId, int adds) throws Exception {
        List<HttpRequest> requests = new ArrayList<>(adds);
        for (int i = 0; i < adds; i++) {
            requests.add(addRequest(groupId));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            long start = System.nanoTime();
            List<Future<Object>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < adds; i = next.getAndIncrement()) {
                        HttpResponse<String> response = http.send(requests.get(i), HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    }
                    return null;
                }));
            }
            for (Future<Object> client : done) {
                client.get();
            }
            return adds / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.shutdown();
        }
    }

    /** Adds the next seeded member not yet added (suspended members, every 50th, are skipped). */
    private HttpRequest addRequest(String groupId) {
        int i = nextMember.getAndIncrement();
        if (i % 50 == 0) {
            i = nextMember.getAndIncrement();
        }
        if (i > size) {
            throw new IllegalStateException("more adds than seeded members");
        }
        String body = "[{\"userId\":\"" + SyntheticOrgSeeder.memberId(prefix, i) + "\"}]";
        return request("/v1/groups/" + groupId + "/members").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A request with a token of its own (built before it is timed): tokens expire during a long run. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + TestTokens.forUser(org.admin));
    }

    private static void switchLog(boolean on) throws SQLException {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute(SKIP_FUNCTION);
            s.execute(LOG_ON);
            if (!on) {
                s.execute(LOG_OFF);
            }
        }
    }

    private long publicEvents() throws SQLException {
        return count("select count(*) from public_events where org_id = '" + org.id + "'");
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (java.io.IOException | RuntimeException unreadable) {
            return "unknown";
        }
    }

    /** The machine's CPU over a round, from {@code /proc/stat}: the busy share and the steal share. */
    private record CpuWindow(long[] begin) {
        static CpuWindow start() {
            return new CpuWindow(read());
        }

        String end() {
            long[] end = read();
            if (begin.length < 8 || end.length < 8) {
                return "cpu unknown";
            }
            long total = 0;
            for (int i = 0; i < 8; i++) {
                total += end[i] - begin[i];
            }
            long idle = (end[3] - begin[3]) + (end[4] - begin[4]);
            long steal = end[7] - begin[7];
            return String.format(Locale.ROOT, "machine busy %.0f%%, steal %.1f%%", 100.0 * (total - idle - steal)
                    / Math.max(1, total), 100.0 * steal / Math.max(1, total));
        }

        private static long[] read() {
            try {
                String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
                return Arrays.stream(first.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong).toArray();
            } catch (java.io.IOException | RuntimeException unreadable) {
                return new long[0];
            }
        }
    }
}
