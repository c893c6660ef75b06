import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java half of the event-driven freshness benchmark (run by {@code benchmark/freshness.sh} as a source file with
 * the application's libraries on the class path, for the PostgreSQL driver). Against a running application and its
 * database it:
 * <ol>
 *   <li>creates the org's master data through the API: a department tree (3 x 3 x 4 x 5, 228 nodes, four levels) and
 *       a location tree (5 regions of 9 cities);</li>
 *   <li>imports the members as one CSV file: a leaf department, a city, one of 1,000 job titles, a reporting tree of
 *       fan-out 10 (five to six levels at 100,000), an employee type and a custom {@code team};</li>
 *   <li>creates 20 dynamic groups whose rules are absolute (tree, prefix, reporting-line, four-criterion and
 *       member_of rules), each evaluated over the org when created, then gathers planner statistics;</li>
 *   <li>changes one member's department, location or job title at a time ({@code PATCH}), the warm-up changes first,
 *       and measures for each how long after the change committed its event was handled: the consumer's writes to
 *       the snapshots commit together with the event's "handled" mark, so a handled event is an updated snapshot.
 *       The client side polls {@code member_events} from the moment the {@code PATCH} answered (after the commit);
 *       the server side is {@code handled_at - occurred_at} of the same row (the application's clock, from the
 *       change's transaction to the end of the consumer's work, before its commit);</li>
 *   <li>refreshes every group by hand at the end: a refresh that still finds members to add or remove would mean the
 *       events left a snapshot stale;</li>
 *   <li>prints the figures next to the target (p99 <= 100 ms after commit).</li>
 * </ol>
 *
 * <pre>
 * java --class-path 'bootstrap/target/quarkus-app/lib/main/*' Freshness.java --base=URL --token=JWT --org=ID \
 *      --pg-port=PORT [--members=100000] [--changes=500] [--warmup=100] [--work=DIR] [--java-opts=...]
 * </pre>
 */
public class Freshness {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] TITLE_PREFIXES = {"junior", "senior", "lead", "principal", "staff"};
    static final Duration GIVE_UP = Duration.ofSeconds(30);
    /** Between two looks at the event: adds at most this much to a figure, keeps the poller off the CPUs. */
    static final Duration POLL = Duration.ofNanos(250_000);

    static String base;
    static String token;
    static String org;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        base = required(options, "base");
        token = required(options, "token");
        org = required(options, "org");
        int pgPort = Integer.parseInt(required(options, "pg-port"));
        int members = Integer.parseInt(options.getOrDefault("members", "100000"));
        int changes = Integer.parseInt(options.getOrDefault("changes", "500"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "100"));
        Path work = Path.of(options.getOrDefault("work", "."));
        Random random = new Random(42);

        List<String> departmentLeaves = departments();
        List<String> cities = locations();
        long importStart = System.nanoTime();
        importMembers(work, members, departmentLeaves, cities);
        double importSeconds = seconds(importStart);

        long groupsStart = System.nanoTime();
        Map<String, String> groups = createGroups();
        double groupsSeconds = seconds(groupsStart);

        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/circles",
                "postgres", "")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("ANALYZE");
            }
            say("Warm-up: " + warmup + " changes");
            for (int i = 0; i < warmup; i++) {
                change(db, random, members, departmentLeaves, cities);
            }
            History before = history(db);
            String loadBefore = loadAverage();
            say("Measuring " + changes + " profile changes, one at a time");
            List<Double> client = new ArrayList<>();
            List<Double> server = new ArrayList<>();
            Map<String, Integer> fields = new LinkedHashMap<>();
            long measureStart = System.nanoTime();
            for (int i = 0; i < changes; i++) {
                Measured measured = change(db, random, members, departmentLeaves, cities);
                client.add(measured.clientMillis());
                server.add(measured.serverMillis());
                fields.merge(measured.field(), 1, Integer::sum);
            }
            double measureSeconds = seconds(measureStart);
            String loadAfter = loadAverage();
            History after = history(db);
            History history = new History(after.added() - before.added(), after.removed() - before.removed());

            Collections.sort(client);
            Collections.sort(server);
            say("Results (" + Instant.now().toString().substring(0, 16) + "Z)");
            System.out.println("machine: " + machine() + "; load average (1/5/15 min) before measuring " + loadBefore
                    + ", after " + loadAfter + " (anything else running on the machine lowers the figures)");
            System.out.println("JDK: " + System.getProperty("java.runtime.version") + " (this client); application"
                    + " options: " + options.getOrDefault("java-opts", "?"));
            System.out.println("org: " + members + " members, " + groups.size() + " dynamic groups with absolute rules"
                    + " (and the org's default groups), 228 departments, 50 locations, 1,000 job titles; import "
                    + fmt(importSeconds)
                    + " s, creating the groups " + fmt(groupsSeconds) + " s");
            System.out.println("changes: " + changes + " (" + fields + "), one at a time, after " + warmup
                    + " warm-up changes; " + fmt(changes / measureSeconds) + " changes/s including the polling");
            System.out.println("snapshot changes written by the measured events: " + history.added() + " added, "
                    + history.removed() + " removed (" + fmt((history.added() + history.removed()) / (double) changes)
                    + " per change)");
            line("commit -> snapshot (client)", client);
            line("change -> handled (server)", server);
            System.out.println("target: p99 <= 100 ms after commit: "
                    + (percentile(client, 99) <= 100 ? "met" : "NOT met"));

            say("Refreshing every group by hand: the events should have left nothing to do");
            History refreshed = refreshAll(db, groups.values());
            System.out.println("full refresh of every group afterwards: " + refreshed.added() + " added, "
                    + refreshed.removed() + " removed" + (refreshed.added() + refreshed.removed() == 0
                    ? " (the events left nothing stale)" : " (STALE SNAPSHOTS)"));
        }
    }

    /**
     * A manual refresh of every group, waited for (above {@code circles.refresh.sync-limit} members it runs in the
     * background and answers 202), and what those refreshes changed, from the groups' history.
     */
    static History refreshAll(Connection db, Collection<String> groupIds) throws Exception {
        for (String groupId : groupIds) {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/groups/" + groupId
                            + "/refresh")).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200 && reply.statusCode() != 202) {
                throw new IllegalStateException("the refresh of " + groupId + " answered " + reply.statusCode()
                        + ": " + reply.body());
            }
            long start = System.nanoTime();
            String status;
            while (!(status = text(send("GET", "/v1/groups/" + groupId + "/evaluation", null, null, 200),
                    "status")).equals("idle")) {
                if (status.equals("failed")) {
                    throw new IllegalStateException("the refresh of " + groupId + " failed");
                }
                if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("the refresh of " + groupId + " did not end within 5 minutes");
                }
                Thread.sleep(100);
            }
        }
        try (PreparedStatement query = db.prepareStatement("select count(*) filter (where change = 'added'),"
                + " count(*) filter (where change = 'removed') from group_membership_events"
                + " where org_id = cast(? as uuid) and cause = 'manual_refresh'")) {
            query.setString(1, org);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new History(row.getLong(1), row.getLong(2));
            }
        }
    }

    // --- seeding ------------------------------------------------------------------------------------------

    /** Departments d1..d3, each with three children, four grandchildren and five great-grandchildren. */
    static List<String> departments() throws Exception {
        say("Creating 228 departments and 50 locations");
        List<String> leaves = new ArrayList<>();
        for (int a = 1; a <= 3; a++) {
            String root = "d" + a;
            masterData("departments", root, null);
            for (int b = 1; b <= 3; b++) {
                String second = root + "-" + b;
                masterData("departments", second, root);
                for (int c = 1; c <= 4; c++) {
                    String third = second + "-" + c;
                    masterData("departments", third, second);
                    for (int d = 1; d <= 5; d++) {
                        String leaf = third + "-" + d;
                        masterData("departments", leaf, third);
                        leaves.add(leaf);
                    }
                }
            }
        }
        return leaves;
    }

    /** Regions l1..l5 with nine cities each. */
    static List<String> locations() throws Exception {
        List<String> cities = new ArrayList<>();
        for (int r = 1; r <= 5; r++) {
            String region = "l" + r;
            masterData("locations", region, null);
            for (int c = 1; c <= 9; c++) {
                String city = region + "-" + c;
                masterData("locations", city, region);
                cities.add(city);
            }
        }
        return cities;
    }

    static void masterData(String kind, String key, String parent) throws Exception {
        String body = "{\"key\": \"" + key + "\", \"name\": \"" + key.toUpperCase(Locale.ROOT) + "\""
                + (parent == null ? "" : ", \"parentKey\": \"" + parent + "\"") + "}";
        send("POST", "/v1/orgs/" + org + "/" + kind, "application/json", body, 201);
    }

    static String userId(int i) {
        return String.format(Locale.ROOT, "m%06d", i);
    }

    static String title(int i) {
        return TITLE_PREFIXES[i % TITLE_PREFIXES.length] + "-title-" + (i % 200);
    }

    /** One CSV, managers further down the file than their reports (the import resolves them at the end). */
    static void importMembers(Path work, int members, List<String> departments, List<String> cities)
            throws Exception {
        say("Importing " + members + " members");
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder(members * 120);
        csv.append("userId,email,displayName,department,location,jobTitle,managerId,employeeType,custom.team\n");
        for (int i = members - 1; i >= 0; i--) {
            csv.append(userId(i)).append(',').append(userId(i)).append("@bench.example,Member ").append(i).append(',')
                    .append(departments.get(random.nextInt(departments.size()))).append(',')
                    .append(cities.get(random.nextInt(cities.size()))).append(',')
                    .append(title(random.nextInt(1000))).append(',')
                    .append(i == 0 ? "" : userId((i - 1) / 10)).append(',')
                    .append(i % 5 == 0 ? "contractor" : "full_time").append(',')
                    .append("team-").append(i % 10).append('\n');
        }
        Path file = work.resolve("members.csv");
        Files.writeString(file, csv);
        long start = System.nanoTime();
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/orgs/" + org
                        + "/members/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("the import answered " + reply.statusCode() + ": " + reply.body());
        }
        System.out.println("imported in " + fmt(seconds(start)) + " s: " + reply.body().replaceAll("\\s+", " ")
                .substring(0, Math.min(200, reply.body().length())));
    }

    /** Twenty groups whose rules read every kind of data the per-member re-check must look up. */
    static Map<String, String> createGroups() throws Exception {
        Map<String, String> rules = new LinkedHashMap<>();
        for (String department : List.of("d1", "d2", "d3", "d1-1", "d2-2", "d3-3")) {
            rules.put("Under " + department, attribute("department", "is_under", department));
        }
        for (String region : List.of("l1", "l2", "l3")) {
            rules.put("In " + region, attribute("location", "is_under", region));
        }
        for (String prefix : List.of("senior", "lead", "principal")) {
            rules.put("Title " + prefix, attribute("jobTitle", "starts_with", prefix));
        }
        rules.put("Below m000001", reportsTo("m000001"));
        rules.put("Below m000002", reportsTo("m000002"));
        rules.put("Four criteria 1", "{\"all\": [" + attribute("custom.team", "equals", "team-7") + ", "
                + attribute("department", "is_under", "d1") + ", " + attribute("jobTitle", "starts_with", "senior")
                + ", " + reportsTo("m000001") + "]}");
        rules.put("Four criteria 2", "{\"all\": [" + attribute("custom.team", "equals", "team-3") + ", "
                + attribute("department", "is_under", "d2") + ", " + attribute("jobTitle", "starts_with", "lead")
                + ", " + reportsTo("m000002") + "]}");
        rules.put("Either", "{\"any\": [" + attribute("department", "equals", "d1-1-1-1") + ", "
                + attribute("location", "equals", "l2-3") + "]}");
        rules.put("Employees", "{\"not\": " + attribute("employeeType", "equals", "contractor") + "}");
        Map<String, String> groups = new LinkedHashMap<>();
        say("Creating " + (rules.size() + 2) + " dynamic groups (each evaluated over the org)");
        for (var rule : rules.entrySet()) {
            groups.put(rule.getKey(), createGroup(rule.getKey(), rule.getValue()));
        }
        groups.put("d1 in l1", createGroup("d1 in l1", "{\"all\": [" + memberOf(groups.get("Under d1")) + ", "
                + attribute("location", "is_under", "l1") + "]}"));
        groups.put("Senior outside d2", createGroup("Senior outside d2", "{\"all\": ["
                + memberOf(groups.get("Title senior")) + ", {\"not\": " + memberOf(groups.get("Under d2")) + "}]}"));
        return groups;
    }

    static String createGroup(String name, String rule) throws Exception {
        long start = System.nanoTime();
        String body = send("POST", "/v1/groups", "application/json", "{\"orgId\": \"" + org + "\", \"name\": \""
                + name + "\", \"type\": \"custom\", \"kind\": \"dynamic\", \"visibility\": \"organization\","
                + " \"rule\": " + rule + "}", 201);
        String id = text(body, "id");
        System.out.printf(Locale.ROOT, "  %-20s %7d members  %6.2f s%n", name, number(body, "memberCount"),
                seconds(start));
        return id;
    }

    static String attribute(String field, String operator, String value) {
        return "{\"criterion\": \"attribute\", \"field\": \"" + field + "\", \"operator\": \"" + operator
                + "\", \"value\": \"" + value + "\"}";
    }

    static String reportsTo(String manager) {
        return "{\"criterion\": \"reports_to\", \"managerId\": \"" + manager + "\", \"includeNested\": true}";
    }

    static String memberOf(String groupId) {
        return "{\"criterion\": \"member_of\", \"groupId\": \"" + groupId + "\"}";
    }

    // --- measuring ----------------------------------------------------------------------------------------

    record Measured(String field, double clientMillis, double serverMillis) {
    }

    /**
     * Changes one member without reports (the reporting subtree is another path) and waits for its event: the
     * newest event of the member's queue is the change's.
     */
    static Measured change(Connection db, Random random, int members, List<String> departments, List<String> cities)
            throws Exception {
        String userId = userId(members / 10 + random.nextInt(members - members / 10));
        Map<String, String> current = profile(db, userId);
        String field;
        String value;
        // A value the member does not have yet: a patch that changes nothing publishes no event.
        do {
            switch (random.nextInt(3)) {
                case 0 -> {
                    field = "department";
                    value = departments.get(random.nextInt(departments.size()));
                }
                case 1 -> {
                    field = "location";
                    value = cities.get(random.nextInt(cities.size()));
                }
                default -> {
                    field = "jobTitle";
                    value = title(random.nextInt(1000));
                }
            }
        } while (value.equals(current.get(field)));
        send("PATCH", "/v1/orgs/" + org + "/members/" + userId, "application/merge-patch+json",
                "{\"" + field + "\": \"" + value + "\"}", 200);
        long committed = System.nanoTime();
        try (PreparedStatement newest = db.prepareStatement("select handled_at is not null,"
                + " extract(epoch from (handled_at - occurred_at)) * 1000 from member_events"
                + " where org_id = cast(? as uuid) and member_key = ? order by seq desc limit 1")) {
            newest.setString(1, org);
            newest.setString(2, userId);
            while (true) {
                try (ResultSet row = newest.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        double client = (System.nanoTime() - committed) / 1e6;
                        return new Measured(field, client, row.getDouble(2));
                    }
                }
                if (System.nanoTime() - committed > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("the change of " + userId + " was not handled within " + GIVE_UP);
                }
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
    }

    static Map<String, String> profile(Connection db, String userId) throws Exception {
        try (PreparedStatement query = db.prepareStatement("select department, location, job_title from org_members"
                + " where org_id = cast(? as uuid) and user_id = ?")) {
            query.setString(1, org);
            query.setString(2, userId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Map<String, String> profile = new HashMap<>();
                profile.put("department", row.getString(1));
                profile.put("location", row.getString(2));
                profile.put("jobTitle", row.getString(3));
                return profile;
            }
        }
    }

    record History(long added, long removed) {
    }

    /** The snapshot changes the events wrote (cause data_change or dependency). */
    static History history(Connection db) throws Exception {
        try (PreparedStatement query = db.prepareStatement("select count(*) filter (where change = 'added'),"
                + " count(*) filter (where change = 'removed') from group_membership_events"
                + " where org_id = cast(? as uuid) and cause in ('data_change', 'dependency')")) {
            query.setString(1, org);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new History(row.getLong(1), row.getLong(2));
            }
        }
    }

    // --- small things -----------------------------------------------------------------------------------

    static String send(String method, String path, String contentType, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.statusCode() + ": "
                    + reply.body());
        }
        return reply.body();
    }

    static String text(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    static int number(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return Integer.parseInt(m.group(1));
    }

    static void line(String name, List<Double> sorted) {
        System.out.printf(Locale.ROOT, "%-28s p50 %7.1f ms   p90 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", name,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.getLast());
    }

    static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        } catch (Exception ignored) {
            // not Linux
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception notLinux) {
            return "?";
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static void say(String text) {
        System.out.println();
        System.out.println("== " + text);
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
}
