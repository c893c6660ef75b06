package circles.bootstrap.crash;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An org on a packaged application with one webhook endpoint subscribed to member additions, and a burst of such
 * events made by one member import (one public event per added member, committed together).
 */
final class WebhookBurst {
    static final String MEMBER_ADDED = "circles.org.member.added";

    /**
     * Settings for applications that send deliveries as they come (the production defaults of the relay and the
     * senders), with {@code extra} settings on top.
     */
    static Map<String, String> settings(String timeout, Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(settings(timeout));
        settings.putAll(extra);
        return settings;
    }

    static Map<String, String> settings(String timeout) {
        return Map.of(
                "CIRCLES_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1",
                // The lease of a claim is four times the attempt timeout.
                "CIRCLES_WEBHOOKS_TIMEOUT", timeout,
                "QUARKUS_LOG_CATEGORY__CIRCLES_ADAPTER_IN_EVENTS__LEVEL", "DEBUG");
    }

    final String orgId;
    final String admin;

    private WebhookBurst(String orgId, String admin) {
        this.orgId = orgId;
        this.admin = admin;
    }

    /** A new org whose endpoint at {@code url} wants member additions. */
    static WebhookBurst subscribe(PackagedCircles circles, String url) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String adminId = "hooks-admin-" + suffix;
        String admin = circles.token(adminId, "user");
        String orgId = circles.as(circles.token("hooks-platform", "platform-admin"))
                .body(Map.of("name", "Hooks " + suffix, "slug", "hooks-" + suffix, "adminUserIds", List.of(adminId)))
                .post("/v1/orgs").then().statusCode(201).extract().path("id");
        circles.as(admin).body(Map.of("url", url, "eventTypes", List.of(MEMBER_ADDED)))
                .post("/v1/orgs/{orgId}/webhooks", orgId).then().statusCode(201);
        return new WebhookBurst(orgId, admin);
    }

    /** Adds {@code count} members in one import: {@code count} events in one transaction. */
    void importMembers(PackagedCircles circles, int count) {
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("userId", "m-" + i, "email", "m-" + i + "@hooks.example", "displayName", "Member " + i));
        }
        circles.as(admin).body(rows).post("/v1/orgs/{orgId}/members/import", orgId).then().statusCode(200)
                .extract().path("created");
    }

    /** The change feed's cursor of this moment: what follows it was committed later. */
    String feedNow(PackagedCircles circles) {
        return circles.as(admin).queryParam("after", "now").queryParam("limit", 1)
                .get("/v1/orgs/{orgId}/events", orgId).then().statusCode(200).extract().path("nextCursor");
    }

    /** The ids of the org's member additions after {@code after}, as its change feed lists them. */
    Set<String> memberAddedEventIds(PackagedCircles circles, String after) {
        Set<String> ids = new HashSet<>();
        String cursor = after;
        boolean more;
        do {
            var request = circles.as(admin).queryParam("types", MEMBER_ADDED).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response page = request.get("/v1/orgs/{orgId}/events", orgId);
            page.then().statusCode(200);
            List<String> items = page.jsonPath().getList("items.id");
            ids.addAll(items);
            cursor = page.path("nextCursor");
            more = Boolean.TRUE.equals(page.path("hasMore"));
        } while (more);
        return ids;
    }

    /** Delivery attempts the application logged in {@code circles}'s latest run (its delivery job's own count). */
    static long attemptsLogged(PackagedCircles circles) throws java.io.IOException {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("webhooks: (\\d+) delivery attempts");
        try (var lines = java.nio.file.Files.lines(circles.log())) {
            return lines.map(line::matcher).filter(java.util.regex.Matcher::find)
                    .mapToLong(match -> Long.parseLong(match.group(1))).sum();
        }
    }
}
