package circles.adapter.in.rest.event;

import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading an org's change feed over HTTP in tests: pages, cursors, and waiting for what a change should publish. */
final class ChangeFeed {
    static final String PATH = "/v1/orgs/{orgId}/events";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private ChangeFeed() {
    }

    /** A page read and where to go on. */
    record Read(List<Map<String, Object>> events, String cursor) {
    }

    static Response page(TestOrg org, String after, String types, int limit) {
        var request = RestApi.as(org.admin).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        if (types != null) {
            request.queryParam("types", types);
        }
        return request.get(PATH, org.id);
    }

    /** The cursor that starts from now on. */
    static String now(TestOrg org) {
        return page(org, "now", null, 1).then().statusCode(200).extract().path("nextCursor");
    }

    /** Every event visible after {@code after}, page by page. */
    static Read all(TestOrg org, String after, String types, int limit) {
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = after;
        boolean more;
        do {
            Response page = page(org, cursor, types, limit);
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            assertThat(items).hasSizeLessThanOrEqualTo(limit);
            events.addAll(items);
            cursor = page.path("nextCursor");
            more = page.path("hasMore");
        } while (more);
        return new Read(events, cursor);
    }

    /**
     * The events after {@code after} once {@code complete} holds for them (changes that follow after the commit, such
     * as the re-evaluation a profile change causes, take a moment), then read once more so nothing late is missed.
     */
    static List<Map<String, Object>> await(TestOrg org, String after, Predicate<List<Map<String, Object>>> complete) {
        return await(org, after, null, complete);
    }

    /**
     * As {@link #await(TestOrg, String, Predicate)}, only the events about {@code subjects} (groups or members; null:
     * all): an org's own default groups follow its members too, which is not what a test looks at.
     */
    static List<Map<String, Object>> await(TestOrg org, String after, Set<String> subjects,
                                           Predicate<List<Map<String, Object>>> complete) {
        Instant deadline = Instant.now().plus(PATIENCE);
        List<Map<String, Object>> events = about(all(org, after, null, 100).events(), subjects);
        while (!complete.test(events)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the feed did not show the expected events within " + PATIENCE + ": "
                        + events);
            }
            sleep();
            events = about(all(org, after, null, 100).events(), subjects);
        }
        sleep();
        return about(all(org, after, null, 100).events(), subjects);
    }

    static List<Map<String, Object>> about(List<Map<String, Object>> events, Set<String> subjects) {
        return subjects == null ? events
                : events.stream().filter(event -> subjects.contains((String) event.get("subject"))).toList();
    }

    static List<String> types(List<Map<String, Object>> events) {
        return events.stream().map(event -> (String) event.get("type")).toList();
    }

    static long count(List<Map<String, Object>> events, String type) {
        return events.stream().filter(event -> type.equals(event.get("type"))).count();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    private static void sleep() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
