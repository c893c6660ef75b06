package circles.adapter.in.rest.membership;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.Stopwatch.median;
import static circles.adapter.in.rest.Stopwatch.timed;
import static org.assertj.core.api.Assertions.assertThat;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.Stopwatch.Work;
import circles.adapter.in.rest.TestOrg;
import circles.adapter.out.persistence.memberindex.MemberIndexAdapter;
import circles.adapter.out.persistence.memberindex.MemberIndexWarmUp;
import circles.adapter.out.persistence.membership.MembershipRepositoryAdapter;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.TenantScope;
import circles.bootstrap.support.PostgresTestResource;
import circles.bootstrap.support.SyntheticOrgSeeder;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A member's groups ({@code GET /v1/orgs/{orgId}/members/{userId}/groups}) in an org of 10,000 groups, at growing
 * org sizes, and the member index's warm-up after start. Per size, one org seeded straight into the database (the
 * synthetic org of the dynamic-group benchmark) with:
 * <ul>
 *   <li>9,000 static groups, 900 of them parents of the other 8,100 (ten subgroups each), every member a direct
 *   member of 4 static groups picked by a hash of the member's number (so also an inherited member of their
 *   parents);</li>
 *   <li>1,000 dynamic groups whose snapshots put every member into 2 of them;</li>
 *   <li>one member besides, directly in 200 more static groups (the heavy case of the earlier runs).</li>
 * </ul>
 * Measured over HTTP with a real token: 2,000 requests (after 400 to warm up) by 1 client and again by 4 clients at
 * once, each for a member drawn from 2,000 random members; the heavy member 1,000 times the same way; the plan of the statement
 * ({@code explain analyze}) for one member. Then the warm-up of the member index: the index of this process is
 * forgotten, the warm-up of a start is run, a preview is sent at once (it must not wait for the build), and the time
 * until the org's index is built and the heap it keeps are printed. At the end, the packaged application (if built)
 * is started over the same database with the default heap, and its start time, the time until its warm-up is done
 * and its heap after a collection are printed.
 * <p>
 * It prints the figures; it asserts only that the answers are complete.
 */
@QuarkusTest
@Tag("benchmark")
class MemberGroupsBenchmark {
    private static final int STATIC_GROUPS = 9_000;
    private static final int PARENT_GROUPS = 900;
    private static final int DYNAMIC_GROUPS = 1_000;
    private static final int STATIC_PER_MEMBER = 4;
    private static final int DYNAMIC_PER_MEMBER = 2;
    private static final int HEAVY_GROUPS = 200;
    private static final int SAMPLE = 2_000;
    private static final int CLIENTS = 4;
    private static final int WARM_UP_REQUESTS = 400;
    private static final int REQUESTS = 2_000;
    private static final int WRK_SECONDS = 10;
    private static final int WRK_ONE_MEMBERS = 12_000;
    private static final int WRK_MANY_MEMBERS = 30_000;

    @Inject
    MemberIndexAdapter index;
    @Inject
    MemberIndexWarmUp warmUp;
    @Inject
    MembershipRepositoryAdapter memberships;
    @Inject
    TenantScope tenant;
    @Inject
    javax.sql.DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
    private final List<String> report = new ArrayList<>();

    private static List<Integer> sizes() {
        String configured = System.getenv().getOrDefault("CIRCLES_BENCHMARK_SIZES", "10000,100000,1000000");
        return Arrays.stream(configured.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    @Test
    void a_members_groups_and_the_index_warm_up_at_growing_org_sizes() throws Exception {
        report.add("CPU: " + cpu() + "; " + Runtime.getRuntime().availableProcessors() + " CPUs; test JVM max heap "
                + String.format(Locale.ROOT, "%,d MiB", Runtime.getRuntime().maxMemory() / 1048576));
        for (int size : sizes()) {
            measure(size);
        }
        startTheApplication();
        String text = "Member's groups and member index warm-up (times in ms)" + System.lineSeparator()
                + String.join("", report.stream().map(line -> line + System.lineSeparator()).toList());
        System.out.println(text);
        Files.writeString(Path.of("target", "member-groups-benchmark.txt"), text);
    }

    private void measure(int size) throws Exception {
        TestOrg org = TestOrg.create();
        OrgId orgId = new OrgId(UUID.fromString(org.id));
        String prefix = "m" + UUID.randomUUID().toString().substring(0, 6) + "-";
        long seeding = timed(() -> {
            SyntheticOrgSeeder.seed(org.id, prefix, size);
            return null;
        });
        String heavy = SyntheticOrgSeeder.memberId(prefix, 3);
        long[] rows = new long[2];
        long groupsSeeding = timed(() -> seedGroups(org.id, prefix, size, heavy, rows));
        long vacuum = timed(this::vacuumSeededTables);
        report.add(String.format(Locale.ROOT, "%n%,d members (seeded in %,d ms); %,d groups (%,d static, %,d of them"
                        + " parents of ten, %,d dynamic), %,d direct static memberships, %,d dynamic members"
                        + " (seeded in %,d ms; then vacuumed in %,d ms); load %s", size, seeding,
                STATIC_GROUPS + DYNAMIC_GROUPS + HEAVY_GROUPS, STATIC_GROUPS + HEAVY_GROUPS, PARENT_GROUPS,
                DYNAMIC_GROUPS, rows[0], rows[1], groupsSeeding, vacuum, load()));

        Random random = new Random(size);
        List<String> sample = new ArrayList<>(new LinkedHashSet<>(random.ints(SAMPLE * 2L, 1, size + 1)
                .mapToObj(i -> SyntheticOrgSeeder.memberId(prefix, i)).limit(SAMPLE).toList()));
        String token = RestApi.token(org.admin);
        for (String member : sample.subList(0, 5)) {
            int expected = expectedGroups(org.id, member);
            int answered = RestApi.as(org.admin).get("/v1/orgs/{orgId}/members/{userId}/groups?limit=500", org.id,
                    member).then().statusCode(200).extract().path("items.size()");
            assertThat(answered).as("groups of %s", member).isEqualTo(expected);
        }
        report.add(String.format(Locale.ROOT, "  groups per member (5 of the sample, direct + inherited + dynamic): %s",
                sample.subList(0, 5).stream().map(member -> expectedGroups(org.id, member)).toList()));

        String before = load();
        long[] alone = latencies(org.id, token, sample, 1);
        report.add(line("member's groups, 2,000 random members, 1 client", alone, 1, before));
        before = load();
        long[] many = latencies(org.id, token, sample, CLIENTS);
        report.add(line("member's groups, 2,000 random members, " + CLIENTS + " clients", many, CLIENTS, before));
        // The same read by wrk, a process of its own: no client thread, allocation or collection in the server's JVM.
        // Every request asks for a member never asked before, so none is served from a kept answer.
        Set<String> asked = new LinkedHashSet<>(sample);
        List<String> fresh = random.ints(size * 4L, 1, size + 1).mapToObj(i -> SyntheticOrgSeeder.memberId(prefix, i))
                .filter(asked::add).limit(WRK_ONE_MEMBERS + WRK_MANY_MEMBERS).toList();
        wrk(org.id, token, fresh.subList(0, Math.min(WRK_ONE_MEMBERS, fresh.size())), 1, 1);
        wrk(org.id, token, fresh.subList(Math.min(WRK_ONE_MEMBERS, fresh.size()), fresh.size()), 2, CLIENTS);
        before = load();
        long[] one = latencies(org.id, token, List.of(heavy), CLIENTS);
        report.add(line("member's groups, the member in " + expectedGroups(org.id, heavy) + " groups, " + CLIENTS
                + " clients", one, CLIENTS, before));
        before = load();
        long[] statement = statementLatencies(orgId, sample);
        report.add(line("the statement alone (groupsOf in a transaction, no HTTP), 1 thread", statement, 1, before));
        report.add("  plan of the statement for one member of the sample (explain analyze, buffers):");
        List<String> plan = inTx(orgId, () -> memberships.explainGroupsOf(new UserId(sample.get(7)), orgId,
                Instant.now(), PageRequest.first(500)));
        plan.forEach(text -> report.add("    " + text));
        report.add("  plan for the member in " + HEAVY_GROUPS + "+ groups (last lines):");
        List<String> heavyPlan = inTx(orgId, () -> memberships.explainGroupsOf(new UserId(heavy), orgId,
                Instant.now(), PageRequest.first(500)));
        heavyPlan.subList(Math.max(0, heavyPlan.size() - 4), heavyPlan.size()).forEach(text -> report.add("    " + text));

        warmUpAfterStart(org, orgId, prefix);
    }

    /** The warm-up a start runs, with a preview sent as soon as it has begun. */
    private void warmUpAfterStart(TestOrg org, OrgId orgId, String prefix) throws Exception {
        String manager = SyntheticOrgSeeder.memberId(prefix, 2);
        Map<String, Object> rule = Map.of("all", List.of(
                Map.of("criterion", "attribute", "field", "employeeType", "operator", "equals", "value", "Employee"),
                Map.of("criterion", "attribute", "field", "department", "operator", "is_under", "value", "d1"),
                Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with", "value", "title 1"),
                Map.of("criterion", "reports_to", "managerId", manager, "includeNested", true)));
        Supplier<Integer> preview = () -> RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", rule))
                .post("/v1/orgs/{orgId}/rules/preview", org.id).then().statusCode(200).extract().path("count");
        index.forget();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        CompletableFuture<Integer> warming = warmUp.warmUp();
        while (!index.queuedOrBuilt(orgId) && !warming.isDone()) {
            Thread.sleep(1);
        }
        long previewStart = System.nanoTime();
        int countDuring = preview.get();
        long previewDuring = (System.nanoTime() - previewStart) / 1_000_000;
        boolean builtBeforeAnswer = index.built(orgId);
        while (!index.built(orgId) && !warming.isDone()) {
            Thread.sleep(20);
        }
        long orgReady = (System.nanoTime() - start) / 1_000_000;
        int built = warming.get(1, TimeUnit.HOURS);
        long allReady = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = usedHeap();
        long previewAfter = median(3, () -> preview.get());
        int countAfter = preview.get();
        assertThat(countAfter).isEqualTo(countDuring);
        report.add(String.format(Locale.ROOT, "  member index warm-up: this org's index built %,d ms after the start"
                        + " of the warm-up (all %d orgs with dynamic groups: %,d ms); bitmaps and arrays %,.1f MiB;"
                        + " heap kept after GC %,.1f MiB of max %,d MiB", orgReady, built, allReady,
                index.bytes(orgId) / 1048576.0, (heapAfter - heapBefore) / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576));
        report.add(String.format(Locale.ROOT, "  preview sent as the warm-up began: answered in %,d ms (count %d) %s"
                        + " the index was built; preview once warm: %,d ms (median of 3)", previewDuring, countDuring,
                builtBeforeAnswer ? "after" : "before", previewAfter));
    }

    /**
     * Starts the packaged application over this database with the default heap: the time until it is ready, until
     * its warm-up has built every org's index, and its heap after a collection.
     */
    private void startTheApplication() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            report.add(String.format("%nstart of the packaged application: not measured (%s not built)", jar));
            return;
        }
        var config = ConfigProvider.getConfig();
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String publicKey = Base64.getEncoder().encodeToString(keys.generateKeyPair().getPublic().getEncoded());
        Path log = Path.of("target", "member-groups-app.log");
        String httpPort = System.getenv().getOrDefault("BENCH_HTTP_PORT", "18501");
        String managementPort = System.getenv().getOrDefault("BENCH_MANAGEMENT_PORT", "18502");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + httpPort, "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.oidc.public-key=" + publicKey, "-Dquarkus.oidc.token.issuer=https://bench.circles.invalid",
                "-Dquarkus.log.console.json.enabled=false", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CIRCLES_"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.getValue("quarkus.datasource.jdbc.url", String.class));
        env.put("QUARKUS_DATASOURCE_USERNAME", config.getValue("quarkus.datasource.username", String.class));
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.getValue("quarkus.datasource.password", String.class));
        env.put("CIRCLES_CURSOR_KEYS", "bench:" + Base64.getEncoder().encodeToString(randomBytes()));
        env.put("CIRCLES_SECRETS_KEYS", "bench:" + Base64.getEncoder().encodeToString(randomBytes()));
        String loadBefore = load();
        long start = System.nanoTime();
        Process app = builder.start();
        try {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                    + "/q/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
            long readyMs = -1;
            long warmMs = -1;
            String warmLine = null;
            Pattern done = Pattern.compile("member index: (\\d+) of (\\d+) orgs built in ([\\d,]+) ms");
            while (app.isAlive() && (System.nanoTime() - start) < TimeUnit.MINUTES.toNanos(20)) {
                if (readyMs < 0) {
                    try {
                        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            readyMs = (System.nanoTime() - start) / 1_000_000;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                }
                Matcher matcher = done.matcher(Files.readString(log));
                if (matcher.find()) {
                    warmMs = (System.nanoTime() - start) / 1_000_000;
                    warmLine = matcher.group();
                }
                if (readyMs >= 0 && warmMs >= 0) {
                    break;
                }
                Thread.sleep(100);
            }
            String started = Files.readAllLines(log).stream().filter(text -> text.contains("started in"))
                    .findFirst().orElse("(no start line)");
            String heap = jcmd(app.pid(), "GC.heap_info");
            jcmd(app.pid(), "GC.run");
            String heapAfterGc = jcmd(app.pid(), "GC.heap_info");
            String maxHeap = jcmd(app.pid(), "VM.flags").replaceAll("(?s).*(-XX:MaxHeapSize=\\d+).*", "$1");
            String rss = Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status")).stream()
                    .filter(text -> text.startsWith("VmRSS")).findFirst().orElse("VmRSS ?");
            report.add(String.format(Locale.ROOT, "%nstart of the packaged application over this database (default"
                    + " heap, %s; load before %s, after %s):", maxHeap, loadBefore, load()));
            report.add("  " + started.strip());
            report.add(String.format(Locale.ROOT, "  ready (health) %,d ms after the process began; warm-up done %,d ms"
                    + " after it began: %s", readyMs, warmMs, warmLine));
            report.add("  heap when warm: " + heap.strip().replace("\n", " | "));
            report.add("  heap after a full GC: " + heapAfterGc.strip().replace("\n", " | ") + "; " + rss);
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return out.lines().skip(1).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** {@link #REQUESTS} requests by {@code clients} clients at once, after {@link #WARM_UP_REQUESTS}; sorted ns. */
    private long[] latencies(String orgId, String token, List<String> members, int clients) throws Exception {
        String base = "http://localhost:" + io.restassured.RestAssured.port + "/v1/orgs/" + orgId + "/members/";
        run(base, token, members, WARM_UP_REQUESTS, new Random(1), clients);
        long[] times = run(base, token, members, REQUESTS, new Random(2), clients);
        Arrays.sort(times);
        return times;
    }

    /**
     * {@code GET .../members/{userId}/groups?limit=500} for {@code members} in turn by wrk (benchmark/bench.lua, mode
     * get: each wrk thread walks its own half of the list) with {@code connections} connections for
     * {@link #WRK_SECONDS} s; one report line. Not measured when wrk is not installed.
     */
    private void wrk(String orgId, String token, List<String> members, int threads, int connections)
            throws Exception {
        String what = String.format(Locale.ROOT, "member's groups by wrk (its own process), %d connection%s",
                connections, connections == 1 ? "" : "s");
        Path script = Path.of("..", "benchmark", "bench.lua").toAbsolutePath().normalize();
        Path paths = Files.createTempFile("member-groups-paths", ".txt");
        Files.write(paths, members.stream().map(member -> "/v1/orgs/" + orgId + "/members/" + member
                + "/groups?limit=500").toList());
        String before = load();
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections,
                "-d" + WRK_SECONDS + "s", "--timeout", "10s", "-s", script.toString(),
                "http://localhost:" + io.restassured.RestAssured.port).redirectErrorStream(true);
        builder.environment().put("BENCH_TOKEN", token);
        builder.environment().put("BENCH_MODE", "get");
        builder.environment().put("BENCH_PATHS", paths.toString());
        builder.environment().put("BENCH_NAME", "member-groups");
        String out;
        try {
            Process process = builder.start();
            out = new String(process.getInputStream().readAllBytes());
            process.waitFor(WRK_SECONDS + 60L, TimeUnit.SECONDS);
        } catch (IOException notInstalled) {
            report.add("  " + what + ": not measured (" + notInstalled.getMessage() + ")");
            return;
        } finally {
            Files.deleteIfExists(paths);
        }
        // name, unit, requests/s, p50, p99, errors, requests, "p90 .. ms, max .. ms, non-2xx .., socket errors .."
        String[] fields = out.lines().filter(line -> line.startsWith("member-groups\t")).findFirst()
                .map(line -> line.split("\t")).orElse(null);
        if (fields == null || fields.length < 8) {
            report.add("  " + what + ": no result; wrk said: " + out.strip().replace("\n", " | "));
            return;
        }
        Matcher note = Pattern.compile("p90 ([\\d.]+) ms, max ([\\d.]+) ms").matcher(fields[7]);
        boolean noted = note.find();
        long requests = Long.parseLong(fields[6]);
        report.add(String.format(Locale.ROOT, "  %s: p50 %s, p90 %s, p99 %s, max %s (%,d requests, %s per second,"
                        + " errors %s; %s; load %s -> %s)", what, fields[3], noted ? note.group(1) : "?", fields[4],
                noted ? note.group(2) : "?", requests, fields[2], fields[5], requests <= members.size()
                        ? "every request a member never asked before"
                        : String.format(Locale.ROOT, "%,d members, so %,d repeats", members.size(),
                        requests - members.size()), before, load()));
    }

    /** The persistence call alone, each in a transaction of its own, one after the other; sorted ns. */
    private long[] statementLatencies(OrgId orgId, List<String> members) {
        Random random = new Random(3);
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            String member = members.get(random.nextInt(members.size()));
            inTx(orgId, () -> memberships.groupsOf(new UserId(member), orgId, Instant.now(), PageRequest.first(500)));
        }
        long[] times = new long[REQUESTS];
        for (int i = 0; i < times.length; i++) {
            String member = members.get(random.nextInt(members.size()));
            long start = System.nanoTime();
            inTx(orgId, () -> memberships.groupsOf(new UserId(member), orgId, Instant.now(), PageRequest.first(500)));
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times;
    }

    private long[] run(String base, String token, List<String> members, int requests, Random random, int clientCount)
            throws Exception {
        long[] times = new long[requests];
        int[] picks = random.ints(requests, 0, members.size()).toArray();
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clientCount; client++) {
                int first = client;
                running.add(clients.submit(() -> {
                    for (int i = first; i < requests; i += clientCount) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + members.get(picks[i])
                                + "/groups?limit=500")).header("Authorization", "Bearer " + token).GET().build();
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        times[i] = System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdown();
        }
        return times;
    }

    private static String line(String what, long[] sorted, int clients, String loadBefore) {
        long total = Arrays.stream(sorted).sum();
        return String.format(Locale.ROOT, "  %s: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f (%,d requests, %.0f per"
                        + " second; load %s -> %s)", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length, sorted.length * clients / (total / 1e9), loadBefore,
                load());
    }

    /** The groups a member is in, counted in SQL: direct static, their ancestors, and dynamic. */
    private static int expectedGroups(String orgId, String member) {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement();
             ResultSet result = s.executeQuery("with recursive direct as (select group_id from group_members"
                     + " where org_id = '" + orgId + "' and user_id = '" + member + "' and status = 'active'),"
                     + " up (id) as (select g.parent_id from direct d join groups g on g.id = d.group_id"
                     + " where g.parent_id is not null union select g.parent_id from up u join groups g on g.id = u.id"
                     + " where g.parent_id is not null)"
                     + " select count(*) from (select group_id from direct union select id from up"
                     + " union select group_id from dynamic_group_members where org_id = '" + orgId
                     + "' and user_id = '" + member + "') all_groups")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * The groups of the org and their members, in SQL: see the class comment. {@code rows} receives the number of
     * direct static memberships and of dynamic members written.
     */
    private static Void seedGroups(String orgId, String prefix, int size, String heavy, long[] rows)
            throws SQLException {
        try (Connection c = PostgresTestResource.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("insert into groups (id, org_id, name, slug, type, kind, visibility, created_at, updated_at)"
                    + " select gen_random_uuid(), '" + orgId + "', 'Static ' || lpad(i::text, 5, '0'),"
                    + " 'static-' || i, 'project', 'static', 'organization', now(), now()"
                    + " from generate_series(1, " + (STATIC_GROUPS + HEAVY_GROUPS) + ") i");
            // Rules by location (50 values), which the member index serves; their snapshots are written below.
            s.execute("insert into groups (id, org_id, name, slug, type, kind, visibility, rule, created_at,"
                    + " updated_at) select gen_random_uuid(), '" + orgId + "', 'Dynamic ' || lpad(i::text, 5, '0'),"
                    + " 'dynamic-' || i, 'custom', 'dynamic', 'organization', jsonb_build_object('criterion',"
                    + " 'attribute', 'field', 'location', 'operator', 'equals', 'value', 'l' || (i % 50)), now(), now()"
                    + " from generate_series(1, " + DYNAMIC_GROUPS + ") i");
            s.execute("create temp table bench_groups as select id, substring(name from 1 for 1) k,"
                    + " substring(name from '\\d+$')::int n from groups where org_id = '" + orgId + "'"
                    + " and (name like 'Static %' or name like 'Dynamic %')");
            s.execute("create index on bench_groups (k, n)");
            s.execute("analyze bench_groups");
            // Static groups 901..9,000 are subgroups of groups 1..900, ten each.
            s.execute("update groups g set parent_id = p.id from bench_groups c, bench_groups p"
                    + " where g.id = c.id and c.k = 'S' and c.n > " + PARENT_GROUPS + " and c.n <= " + STATIC_GROUPS
                    + " and p.k = 'S' and p.n = 1 + (c.n % " + PARENT_GROUPS + ")");
            rows[0] = s.executeUpdate("insert into group_members (group_id, org_id, user_id, role, status, joined_at)"
                    + " select b.id, '" + orgId + "', '" + prefix + "' || lpad(i::text, 8, '0'), 'member', 'active',"
                    + " now() from generate_series(1, " + size + ") i cross join generate_series(0, "
                    + (STATIC_PER_MEMBER - 1) + ") j join bench_groups b on b.k = 'S'"
                    + " and b.n = 1 + ((i::bigint * 2654435761 + j * 1234577) % " + STATIC_GROUPS + ")"
                    + " on conflict do nothing");
            rows[0] += s.executeUpdate("insert into group_members (group_id, org_id, user_id, role, status, joined_at)"
                    + " select b.id, '" + orgId + "', '" + heavy + "', 'member', 'active', now() from bench_groups b"
                    + " where b.k = 'S' and b.n > " + STATIC_GROUPS);
            rows[1] = s.executeUpdate("insert into dynamic_group_members (group_id, org_id, user_id, since, via)"
                    + " select b.id, '" + orgId + "', '" + prefix + "' || lpad(i::text, 8, '0'), now(), 'rule'"
                    + " from generate_series(1, " + size + ") i cross join generate_series(0, "
                    + (DYNAMIC_PER_MEMBER - 1) + ") j join bench_groups b on b.k = 'D'"
                    + " and b.n = 1 + ((i::bigint * 40503 + j * 7919) % " + DYNAMIC_GROUPS + ")"
                    + " on conflict do nothing");
            s.execute("drop table bench_groups");
            s.execute("analyze groups");
            s.execute("analyze group_members");
            s.execute("analyze dynamic_group_members");
        }
        return null;
    }

    /**
     * Vacuums the tables just seeded with millions of rows, as autovacuum does in service long before such a read
     * matters: without it the figures measure autovacuum of the fresh rows running next to the requests, and each
     * first read of a page setting its rows' hint bits (dirtying it), not the read of a database in use.
     */
    private Void vacuumSeededTables() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            connection.setAutoCommit(true);
            s.execute("vacuum (analyze) org_members, groups, group_members, dynamic_group_members");
        }
        return null;
    }

    private <T> T inTx(OrgId orgId, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            tenant.enter(orgId);
            return work.get();
        });
    }

    /** The load average (1, 5, 15 minutes). */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException unreadable) {
            return "?";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        } catch (IOException unreadable) {
            return "?";
        }
    }

    /** The heap in use after garbage collection. */
    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

}
