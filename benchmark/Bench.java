import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Java half of the Circles benchmark (run by {@code benchmark/run.sh} as a source file, JDK 21+,
 * no dependencies): the bench key pair and signed tokens, seeding an org through the API, the
 * "list all groups" cursor walk, and the final report.
 *
 * <pre>
 * java Bench.java keys   DIR                          RSA key pair: DIR/public.b64 (for quarkus.oidc.public-key), DIR/private.der
 * java Bench.java token  DIR ISSUER SUBJECT [ROLE...] a signed RS256 access token (valid 6 h)
 * java Bench.java seed   --base=URL --keys=DIR --issuer=ISS --out=DIR [--groups=10000] [--member-groups=200] [--clients=8]
 *                        [--names=PREFIX]  groups named PREFIX0, PREFIX1, … instead of "Group 00000", …
 *                        [--platform-token=JWT --admin-token=JWT --member-token=JWT --admin-id=SUB --member-id=SUB]
 *                        tokens of an external issuer (Keycloak) instead of --keys and --issuer
 * java Bench.java walk   --base=URL --token=JWT --org=ID --results=FILE [--limit=500] [--clients=8] [--seconds=20] [--warmup=5]
 * java Bench.java report --results=FILE               the table of figures next to the targets
 * </pre>
 */
public class Bench {

    static final String PLATFORM_ADMIN = "bench-platform-admin";
    static final String ORG_ADMIN = "bench-admin";
    static final String MEMBER = "bench-user";

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "token" -> System.out.println(
                    token(Path.of(args[1]), args[2], args[3], Arrays.copyOfRange(args, 4, args.length)));
            case "seed" -> seed(options);
            case "walk" -> walk(options);
            case "report" -> report(Path.of(required(options, "results")));
            default -> usage();
        }
    }

    // --- keys and tokens ------------------------------------------------------------------------------

    static void keys(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("public.b64"),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        Files.write(dir.resolve("private.der"), pair.getPrivate().getEncoded());
    }

    static String token(Path keyDir, String issuer, String subject, String... roles) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyDir.resolve("private.der"))));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + json(issuer)
                + ",\"sub\":" + json(subject)
                + ",\"preferred_username\":" + json(subject)
                + ",\"name\":" + json("Bench " + subject)
                + ",\"email\":" + json(subject + "@bench.example")
                + ",\"groups\":[" + Arrays.stream(roles).map(Bench::json).collect(Collectors.joining(",")) + "]"
                + ",\"iat\":" + now + ",\"exp\":" + (now + 6 * 3600) + "}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signature.sign());
    }

    // --- seeding through the API ----------------------------------------------------------------------

    /**
     * Creates an org (as a platform admin) whose admin is {@value #ORG_ADMIN}, adds {@value #MEMBER} as a
     * plain member, creates the groups as the org admin with {@code clients} concurrent clients, adds the
     * member to {@code member-groups} of them spread evenly, and collects the cursors of every page of
     * 100 (the page benchmark cycles through them). Writes OUT/bench.env and OUT/page-paths.txt.
     */
    static void seed(Map<String, String> options) throws Exception {
        String base = required(options, "base");
        Path keys = options.containsKey("keys") ? Path.of(options.get("keys")) : null;
        String issuer = options.get("issuer");
        Path out = Path.of(required(options, "out"));
        int groups = Integer.parseInt(options.getOrDefault("groups", "10000"));
        int memberGroups = Integer.parseInt(options.getOrDefault("member-groups", "200"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        String run = Long.toString(System.currentTimeMillis() / 1000, 36);

        // Tokens of an external issuer (--platform-token, --admin-token, --member-token, with the subjects
        // --admin-id and --member-id) replace the bench key pair's when given.
        String orgAdminId = options.getOrDefault("admin-id", ORG_ADMIN);
        String memberId = options.getOrDefault("member-id", MEMBER);
        String namePrefix = options.getOrDefault("names", "");
        String platformAdmin = options.containsKey("platform-token") ? options.get("platform-token")
                : token(keys, issuer, PLATFORM_ADMIN, "platform-admin");
        String admin = options.containsKey("admin-token") ? options.get("admin-token")
                : token(keys, issuer, ORG_ADMIN, "user");
        String member = options.containsKey("member-token") ? options.get("member-token")
                : token(keys, issuer, MEMBER, "user");
        Api api = new Api(base);
        long started = System.nanoTime();

        String orgId = api.expect(201, "POST", "/v1/orgs", platformAdmin,
                "{\"name\":\"Bench org " + run + "\",\"slug\":\"bench-" + run + "\",\"adminUserIds\":["
                        + json(orgAdminId) + "]}").field("id");
        api.expect(201, "POST", "/v1/orgs/" + orgId + "/members", admin,
                "{\"userId\":" + json(memberId) + ",\"role\":\"member\",\"email\":\"" + MEMBER
                        + "@bench.example\",\"displayName\":\"Bench user\"}");
        System.out.printf(Locale.ROOT, "  org %s created; creating %,d groups with %d clients%n", orgId, groups, clients);

        String[] groupIds = new String[groups];
        AtomicInteger done = new AtomicInteger();
        long groupsStarted = System.nanoTime();
        parallel(clients, groups, i -> {
            groupIds[i] = api.expect(201, "POST", "/v1/groups", admin, groupBody(orgId, i, namePrefix)).field("id");
            int n = done.incrementAndGet();
            if (n % 2000 == 0) {
                System.out.printf(Locale.ROOT, "  %,d groups (%.0f/s)%n", n, n / seconds(groupsStarted));
            }
        });
        double groupSeconds = seconds(groupsStarted);
        System.out.printf(Locale.ROOT, "  %,d groups created in %.1f s (%.0f/s)%n",
                groups, groupSeconds, groups / groupSeconds);

        int step = Math.max(1, groups / Math.max(1, memberGroups));
        int joined = Math.min(memberGroups, groups);
        parallel(clients, joined, i -> api.expect(201, "POST", "/v1/groups/" + groupIds[i * step] + "/members", admin,
                "[{\"userId\":" + json(memberId) + ",\"role\":\"member\"}]"));
        System.out.printf(Locale.ROOT, "  %s added to %d groups%n", MEMBER, joined);

        // Checks that the figures measure what they claim to.
        Page mine = api.page("/v1/me/groups?limit=500", member);
        if (mine.items() < joined) {
            throw new IllegalStateException("GET /v1/me/groups lists " + mine.items() + " groups, expected at least "
                    + joined);
        }
        List<String> pagePaths = new ArrayList<>();
        String first = "/v1/groups?orgId=" + orgId + "&limit=100";
        String path = first;
        int listed = 0;
        while (path != null) {
            pagePaths.add(path);
            Page page = api.page(path, admin);
            listed += page.items();
            path = page.nextCursor() == null ? null : first + "&cursor=" + encode(page.nextCursor());
        }
        if (listed < groups) {
            throw new IllegalStateException("The org lists " + listed + " groups, expected at least " + groups);
        }
        Files.createDirectories(out);
        Files.write(out.resolve("page-paths.txt"), pagePaths);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ORG_ID", orgId);
        env.put("MEMBER_ID", memberId);
        env.put("GROUPS_LISTED", Integer.toString(listed));
        env.put("MEMBER_GROUPS_LISTED", Integer.toString(mine.items()));
        env.put("ADMIN_TOKEN", admin);
        env.put("MEMBER_TOKEN", member);
        env.put("SEED_SECONDS", String.format(Locale.ROOT, "%.1f", seconds(started)));
        env.put("SEED_GROUPS_PER_SECOND", String.format(Locale.ROOT, "%.0f", groups / groupSeconds));
        Files.write(out.resolve("bench.env"), env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        System.out.printf(Locale.ROOT, "  seeded in %.1f s: the org lists %,d groups (%d pages of 100); %s is in %d%n",
                seconds(started), listed, pagePaths.size(), MEMBER, mine.items());
    }

    /** The body of the i-th seeded group: named "Group 00042", or prefix + i ("g-42") when a prefix is given. */
    static String groupBody(String orgId, int i, String prefix) {
        String[] visibilities = {"organization", "public", "private"};
        String[] types = {"project", "department", "custom"};
        String name = prefix.isEmpty() ? "Group " + String.format(Locale.ROOT, "%05d", i) : prefix + i;
        return "{\"orgId\":" + json(orgId)
                + ",\"name\":" + json(name)
                + ",\"description\":\"Seeded by the benchmark\""
                + ",\"type\":\"" + types[i % types.length] + "\""
                + ",\"kind\":\"static\""
                + ",\"visibility\":\"" + visibilities[i % visibilities.length] + "\"}";
    }

    // --- the "list all groups" walk ---------------------------------------------------------------------

    /**
     * {@code clients} clients each walk every page of the org's groups ({@code limit} per page) again and
     * again: after a warm-up, for {@code seconds}; the figures are complete walks per second and the time of
     * one walk.
     */
    static void walk(Map<String, String> options) throws Exception {
        Api api = new Api(required(options, "base"));
        String token = required(options, "token");
        String org = required(options, "org");
        Path results = Path.of(required(options, "results"));
        int limit = Integer.parseInt(options.getOrDefault("limit", "500"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        double measured = Double.parseDouble(options.getOrDefault("seconds", "20"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
        String first = "/v1/groups?orgId=" + org + "&limit=" + limit;

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (measured * 1e9);
        List<Future<Walks>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                Walks walks = new Walks();
                while (true) {
                    long walkStart = System.nanoTime();
                    if (walkStart >= end) {
                        return walks;
                    }
                    int items = 0;
                    int requests = 0;
                    String path = first;
                    while (path != null) {
                        Page page = api.page(path, token);
                        items += page.items();
                        requests++;
                        path = page.nextCursor() == null ? null : first + "&cursor=" + encode(page.nextCursor());
                    }
                    long walkEnd = System.nanoTime();
                    if (walkStart >= measureFrom && walkEnd <= end) {
                        walks.millis.add((walkEnd - walkStart) / 1e6);
                        walks.items = items;
                        walks.requests += requests;
                    }
                }
            }));
        }
        List<Double> millis = new ArrayList<>();
        int items = 0;
        long requests = 0;
        for (Future<Walks> future : futures) {
            Walks walks = future.get();
            millis.addAll(walks.millis);
            items = Math.max(items, walks.items);
            requests += walks.requests;
        }
        pool.shutdown();
        Collections.sort(millis);
        double perSecond = millis.size() / measured;
        String line = String.join("\t", "list-all", "walks/s", fmt(perSecond), fmt(percentile(millis, 50)),
                fmt(percentile(millis, 99)), "0", Long.toString(millis.size()),
                "groups=" + items + " pages=" + (millis.isEmpty() ? 0 : requests / millis.size())
                        + " limit=" + limit + " req/s=" + fmt(requests / measured));
        Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.printf(Locale.ROOT, "  %d walks of %,d groups in %.0f s: %.2f walks/s, p50 %.1f ms, p99 %.1f ms%n",
                millis.size(), items, measured, perSecond, percentile(millis, 50), percentile(millis, 99));
    }

    static final class Walks {
        final List<Double> millis = new ArrayList<>();
        int items;
        long requests;
    }

    // --- report -------------------------------------------------------------------------------------------

    record Target(String name, String what, double minThroughput, double maxP99) {
    }

    static final Map<String, Target> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("page-100", new Target("page-100", "page of 100 groups: GET /v1/groups", 700, 0));
        TARGETS.put("me-groups", new Target("me-groups", "a user's groups: GET /v1/me/groups", 1500, 10));
        TARGETS.put("member-groups", new Target("member-groups", "GET /v1/orgs/{o}/members/{u}/groups", 1500, 10));
        TARGETS.put("list-all", new Target("list-all", "all groups of the org, 500 a page", 0, 0));
        TARGETS.put("create", new Target("create", "create groups: POST /v1/groups", 500, 0));
    }

    static void report(Path results) throws IOException {
        String format = "%-40s %12s %-9s %9s %9s %8s  %-22s %s%n";
        System.out.printf(Locale.ROOT, format, "benchmark", "throughput", "unit", "p50 ms", "p99 ms", "errors",
                "target", "verdict");
        int busiest = 0;
        for (String line : Files.readAllLines(results)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher others = Pattern.compile("other processes (\\d+)%").matcher(line);
            if (others.find()) {
                busiest = Math.max(busiest, Integer.parseInt(others.group(1)));
            }
            String[] f = line.split("\t", -1);
            Target target = TARGETS.get(f[0]);
            double throughput = Double.parseDouble(f[2]);
            double p99 = Double.parseDouble(f[4]);
            long errors = Long.parseLong(f[5]);
            String goal = "-";
            String verdict = "-";
            if (target != null && target.minThroughput() > 0) {
                goal = ">= " + (long) target.minThroughput()
                        + (target.maxP99() > 0 ? ", p99 <= " + (long) target.maxP99() + " ms" : "");
                boolean met = throughput >= target.minThroughput()
                        && (target.maxP99() <= 0 || p99 <= target.maxP99()) && errors == 0;
                verdict = met ? "met" : "MISSED";
            }
            System.out.printf(Locale.ROOT, format, target == null ? f[0] : target.what(), f[2], f[1], f[3], f[4], f[5],
                    goal, verdict);
            if (f.length > 7 && !f[7].isBlank()) {
                System.out.printf(Locale.ROOT, "%-40s %s%n", "", f[7]);
            }
        }
        if (busiest > 10) {
            System.out.printf(Locale.ROOT, "%nWARNING: unrelated processes used up to %d%% of the CPUs during a measurement;"
                    + " the figures are lower than this machine gives when idle.%n", busiest);
        }
    }

    // --- HTTP -----------------------------------------------------------------------------------------------

    record Reply(int status, String body) {
        String field(String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("No '" + name + "' in " + body);
            }
            return m.group(1);
        }
    }

    /** A page of a list: the number of its items (counted by their top-level objects) and the next cursor. */
    record Page(int items, String nextCursor) {
    }

    static final class Api {
        private final String base;

        Api(String base) {
            this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }

        Reply send(String method, String path, String token, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Reply expect(int status, String method, String path, String token, String body) {
            Reply reply = send(method, path, token, body);
            if (reply.status() != status) {
                throw new IllegalStateException(method + " " + path + " answered " + reply.status() + " (expected "
                        + status + "): " + reply.body());
            }
            return reply;
        }

        Page page(String path, String token) {
            Reply reply = expect(200, "GET", path, token, null);
            return new Page(countItems(reply.body()), nextCursor(reply.body()));
        }
    }

    /** The number of top-level elements of the "items" array (a small JSON scanner, no library). */
    static int countItems(String body) {
        int start = body.indexOf("\"items\"");
        if (start < 0) {
            throw new IllegalStateException("Not a page: " + body);
        }
        int i = body.indexOf('[', start);
        int depth = 0;
        int count = 0;
        boolean inString = false;
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    depth++;
                    if (c == '{' && depth == 2) {
                        count++;
                    }
                }
                case ']', '}' -> {
                    depth--;
                    if (depth == 0) {
                        return count;
                    }
                }
                default -> {
                }
            }
        }
        throw new IllegalStateException("Unterminated items in " + body);
    }

    static String nextCursor(String body) {
        Matcher m = Pattern.compile("\"nextCursor\"\\s*:\\s*(null|\"([^\"]*)\")").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No nextCursor in " + body);
        }
        return m.group(2);
    }

    // --- small things ------------------------------------------------------------------------------------------

    interface IndexTask {
        void run(int index) throws Exception;
    }

    static void parallel(int clients, int count, IndexTask task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }

    static void usage() {
        System.err.println("usage: java Bench.java keys|token|seed|walk|report ... (see the class comment)");
        System.exit(2);
    }
}
