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
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * The Keycloak half of the side-by-side benchmark (run by {@code benchmark/keycloak.sh} as a source file, JDK 21+,
 * no dependencies): sets Keycloak up as the OIDC issuer of Circles, seeds its realm with the groups the Circles org
 * gets, and prints the report that puts the two side by side.
 *
 * <pre>
 * java KeycloakBench.java setup  --kc=URL --realm=NAME --out=DIR
 *     with the master realm's bootstrap admin (admin/admin): raises the token and session lifespans of the master
 *     realm (the admin token must outlive the run), creates the realm (token lifespan 6 h), its realm role
 *     platform-admin, a public client "circles" allowing the password grant, and three users (a platform admin,
 *     an org admin, a plain user); writes DIR/keycloak.env: the admin API token, the users' ids and the tokens
 *     Circles is called with (issued by the realm, RS256)
 * java KeycloakBench.java seed   --kc=URL --realm=NAME --token=JWT --user=ID --out=DIR [--groups=10000]
 *     [--member-groups=200] [--clients=8]
 *     creates the flat groups g-0 … g-(n-1) through the admin REST API with that many clients at once, puts the
 *     user directly into every (n / member-groups)-th of them, and checks both through the API
 * java KeycloakBench.java report --results=FILE
 *     median and spread of every figure over the rounds, and the ratios next to their targets
 * </pre>
 */
public class KeycloakBench {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static final String PASSWORD = "bench-password";
    static final int SIX_HOURS = 6 * 3600;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "setup" -> setup(options);
            case "seed" -> seed(options);
            case "report" -> report(Path.of(required(options, "results")));
            default -> usage();
        }
    }

    // --- setup --------------------------------------------------------------------------------------------

    static void setup(Map<String, String> options) throws Exception {
        String kc = trim(required(options, "kc"));
        String realm = required(options, "realm");
        Path out = Path.of(required(options, "out"));

        String master = adminToken(kc);
        // The admin token is used for the whole run: it and its session must not expire under the load.
        String lifespans = "{\"accessTokenLifespan\":" + SIX_HOURS + ",\"ssoSessionIdleTimeout\":" + SIX_HOURS
                + ",\"ssoSessionMaxLifespan\":" + SIX_HOURS + "}";
        expect(204, "PUT", kc + "/admin/realms/master", master, lifespans);
        master = adminToken(kc);

        expect(201, "POST", kc + "/admin/realms", master, "{\"realm\":" + json(realm) + ",\"enabled\":true,"
                + "\"accessTokenLifespan\":" + SIX_HOURS + ",\"ssoSessionIdleTimeout\":" + SIX_HOURS
                + ",\"ssoSessionMaxLifespan\":" + SIX_HOURS + "}");
        String admin = kc + "/admin/realms/" + realm;
        expect(201, "POST", admin + "/roles", master, "{\"name\":\"platform-admin\"}");
        String role = send("GET", admin + "/roles/platform-admin", master, null).body();
        expect(201, "POST", admin + "/clients", master, "{\"clientId\":\"circles\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}");

        Map<String, String> env = new LinkedHashMap<>();
        String[][] users = {
                {"bench-platform-admin", "PLATFORM", "Platform"},
                {"bench-admin", "ADMIN", "Admin"},
                {"bench-user", "MEMBER", "User"}};
        for (String[] user : users) {
            Reply created = expect(201, "POST", admin + "/users", master, "{\"username\":" + json(user[0])
                    + ",\"enabled\":true,\"email\":" + json(user[0] + "@bench.example") + ",\"emailVerified\":true,"
                    + "\"firstName\":\"Bench\",\"lastName\":" + json(user[2]) + ",\"credentials\":[{\"type\":"
                    + "\"password\",\"value\":" + json(PASSWORD) + ",\"temporary\":false}]}");
            String id = created.location().substring(created.location().lastIndexOf('/') + 1);
            if (user[1].equals("PLATFORM")) {
                expect(204, "POST", admin + "/users/" + id + "/role-mappings/realm", master, "[" + role + "]");
            }
            env.put(user[1] + "_ID", id);
            env.put(user[1] + "_TOKEN", userToken(kc, realm, user[0]));
        }
        env.put("KC_ADMIN_TOKEN", master);
        Files.createDirectories(out);
        Files.write(out.resolve("keycloak.env"), env.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        System.out.printf(Locale.ROOT, "  realm %s: role platform-admin, client circles, users %s (%s), %s, %s%n",
                realm, users[0][0], "platform-admin", users[1][0], users[2][0]);
    }

    static String adminToken(String kc) {
        return tokenFrom(kc + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin&password=admin");
    }

    static String userToken(String kc, String realm, String user) {
        return tokenFrom(kc + "/realms/" + realm + "/protocol/openid-connect/token",
                "grant_type=password&client_id=circles&scope=openid&username=" + encode(user) + "&password="
                        + encode(PASSWORD));
    }

    static String tokenFrom(String url, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Reply reply = call(request);
        if (reply.status() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.field("access_token");
    }

    // --- seed ---------------------------------------------------------------------------------------------

    static void seed(Map<String, String> options) throws Exception {
        String kc = trim(required(options, "kc"));
        String realm = required(options, "realm");
        String token = required(options, "token");
        String user = required(options, "user");
        Path out = Path.of(required(options, "out"));
        int groups = Integer.parseInt(options.getOrDefault("groups", "10000"));
        int memberGroups = Integer.parseInt(options.getOrDefault("member-groups", "200"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        String admin = kc + "/admin/realms/" + realm;

        long started = System.nanoTime();
        String[] ids = new String[groups];
        AtomicInteger done = new AtomicInteger();
        parallel(clients, groups, i -> {
            Reply created = expect(201, "POST", admin + "/groups", token, "{\"name\":\"g-" + i + "\"}");
            ids[i] = created.location().substring(created.location().lastIndexOf('/') + 1);
            int n = done.incrementAndGet();
            if (n % 2000 == 0) {
                System.out.printf(Locale.ROOT, "  %,d groups (%.0f/s)%n", n, n / seconds(started));
            }
        });
        double groupSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "  %,d groups created in %.1f s (%.0f/s)%n", groups, groupSeconds,
                groups / groupSeconds);
        int step = Math.max(1, groups / Math.max(1, memberGroups));
        int joined = Math.min(memberGroups, groups);
        parallel(clients, joined, i -> expect(204, "PUT", admin + "/users/" + user + "/groups/" + ids[i * step],
                token, null));

        // Checks that the figures measure what they claim to.
        String count = send("GET", admin + "/groups/count", token, null).body();
        Matcher total = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(count);
        if (!total.find() || Integer.parseInt(total.group(1)) < groups) {
            throw new IllegalStateException("The realm counts " + count + " groups, expected " + groups);
        }
        int mine = occurrences(expect(200, "GET", admin + "/users/" + user + "/groups?briefRepresentation=true&max=500",
                token, null).body(), "\"id\"");
        if (mine != joined) {
            throw new IllegalStateException("The user is in " + mine + " groups, expected " + joined);
        }
        int found = occurrences(expect(200, "GET", admin + "/groups?search=g-99&max=100&briefRepresentation=true",
                token, null).body(), "\"name\"");
        Files.write(out.resolve("keycloak-seed.env"), List.of(
                "KC_GROUPS_SECONDS=" + String.format(Locale.ROOT, "%.1f", groupSeconds),
                "KC_GROUPS_PER_SECOND=" + String.format(Locale.ROOT, "%.0f", groups / groupSeconds),
                "KC_MEMBER_GROUPS=" + mine,
                "KC_SEARCH_HITS=" + found));
        System.out.printf(Locale.ROOT, "  the user is in %d groups; search g-99 finds %d on the first page%n",
                mine, found);
    }

    static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    // --- report -------------------------------------------------------------------------------------------

    /** One measured figure: a line of results.tsv written by bench.lua, with the CPU and load notes. */
    record Figure(String system, String shape, int round, double throughput, double p50, double p99, long errors,
                  String note) {
    }

    /** A comparison: a Circles figure against the Keycloak figure of the same request shape. */
    record Comparison(String title, String circles, String keycloak, double minThroughputRatio, double maxP99Ratio) {
    }

    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("a user's groups (member path)", "member-groups", "user-groups", 2, 0.5),
            new Comparison("a user's groups (/v1/me)", "me-groups", "user-groups", 2, 0.5),
            new Comparison("a page of 100 groups", "page", "page", 10, 0),
            new Comparison("search by name, g-99", "search", "search", 10, 0),
            new Comparison("create groups", "create", "create", 4, 0));

    static final Map<String, String> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("keycloak:user-groups", "GET /admin/realms/{r}/users/{id}/groups?briefRepresentation=true&max=200");
        REQUESTS.put("keycloak:page", "GET /admin/realms/{r}/groups?first=0&max=100&briefRepresentation=true");
        REQUESTS.put("keycloak:search", "GET /admin/realms/{r}/groups?search=g-99&max=100&briefRepresentation=true");
        REQUESTS.put("keycloak:create", "POST /admin/realms/{r}/groups");
        REQUESTS.put("circles:member-groups", "GET /v1/orgs/{orgId}/members/{userId}/groups?limit=500");
        REQUESTS.put("circles:me-groups", "GET /v1/me/groups?limit=500");
        REQUESTS.put("circles:page", "GET /v1/groups?orgId=…&limit=100");
        REQUESTS.put("circles:search", "GET /v1/groups?orgId=…&q=g-99&limit=100");
        REQUESTS.put("circles:create", "POST /v1/groups");
    }

    static void report(Path results) throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String[] name = f[0].split(":");
            figures.add(new Figure(name[0], name[1], Integer.parseInt(name[2].substring(1)), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]),
                    f.length > 7 ? f[7] : ""));
        }

        System.out.println("Every figure, in the order measured (8 connections; CPU per request from /proc):");
        for (Figure figure : figures) {
            System.out.printf(Locale.ROOT, "  r%d %-8s %-13s %9.1f req/s  p50 %8.2f ms  p99 %8.2f ms  errors %d%n"
                            + "      %s%n", figure.round(), figure.system(), figure.shape(), figure.throughput(),
                    figure.p50(), figure.p99(), figure.errors(), figure.note());
        }

        System.out.println();
        System.out.println("Median over the rounds [lowest - highest]:");
        for (Map.Entry<String, String> request : REQUESTS.entrySet()) {
            String[] key = request.getKey().split(":");
            List<Figure> of = of(figures, key[0], key[1]);
            if (of.isEmpty()) {
                continue;
            }
            System.out.printf(Locale.ROOT, "  %-8s %-70s %s req/s, p99 %s ms, errors %d (%d rounds)%n", key[0],
                    request.getValue(), spread(of.stream().map(Figure::throughput).toList(), "%.0f"),
                    spread(of.stream().map(Figure::p99).toList(), "%.1f"),
                    of.stream().mapToLong(Figure::errors).sum(), of.size());
        }

        System.out.println();
        System.out.println("Circles / Keycloak, per round (the two figures of a round were measured one after the"
                + " other), median [lowest - highest]:");
        String format = "  %-32s throughput %-24s target %-6s %-8s p99 %-24s target %-7s %s%n";
        for (Comparison comparison : COMPARISONS) {
            List<Double> throughput = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            long errors = 0;
            for (Figure circles : of(figures, "circles", comparison.circles())) {
                for (Figure keycloak : of(figures, "keycloak", comparison.keycloak())) {
                    if (keycloak.round() == circles.round() && (keycloak.throughput() == 0
                            || circles.throughput() == 0)) {
                        System.out.printf(Locale.ROOT, "  %-32s round %d: no ratio, a side completed no request%n",
                                comparison.title(), circles.round());
                        errors++;
                    } else if (keycloak.round() == circles.round()) {
                        throughput.add(circles.throughput() / keycloak.throughput());
                        p99.add(circles.p99() / keycloak.p99());
                        errors += circles.errors() + keycloak.errors();
                    }
                }
            }
            if (throughput.isEmpty()) {
                continue;
            }
            double t = median(throughput);
            double p = median(p99);
            boolean throughputMet = t >= comparison.minThroughputRatio() && errors == 0;
            boolean p99Met = comparison.maxP99Ratio() <= 0 || (p <= comparison.maxP99Ratio() && errors == 0);
            System.out.printf(Locale.ROOT, format, comparison.title(), spread(throughput, "%.2fx"),
                    String.format(Locale.ROOT, ">= %.0fx", comparison.minThroughputRatio()),
                    throughputMet ? "met" : "MISSED", spread(p99, "%.2fx"),
                    comparison.maxP99Ratio() > 0 ? String.format(Locale.ROOT, "<= %.1fx", comparison.maxP99Ratio())
                            : "-",
                    comparison.maxP99Ratio() > 0 ? (p99Met ? "met" : "MISSED") : "");
        }
    }

    static List<Figure> of(List<Figure> figures, String system, String shape) {
        return figures.stream().filter(f -> f.system().equals(system) && f.shape().equals(shape)).toList();
    }

    static String spread(List<Double> values, String format) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, format + " [" + format + " - " + format + "]", median(sorted), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // --- HTTP -----------------------------------------------------------------------------------------------

    record Reply(int status, String body, String location) {
        String field(String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("No '" + name + "' in " + body);
            }
            return m.group(1);
        }
    }

    static Reply send(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return call(request.build());
    }

    static Reply call(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply expect(int status, String method, String url, String token, String body) {
        Reply reply = send(method, url, token, body);
        if (reply.status() != status) {
            throw new IllegalStateException(method + " " + url + " answered " + reply.status() + " (expected " + status
                    + "): " + reply.body());
        }
        return reply;
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

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
        System.err.println("usage: java KeycloakBench.java setup|seed|report ... (see the class comment)");
        System.exit(2);
    }
}
