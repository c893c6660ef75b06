package circles.bootstrap.crash;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A process killed with SIGKILL in the middle of a background refresh leaves its claim behind; the lease of that claim
 * is short and was renewed only while the process lived, so after a restart the group is refreshed again within a
 * minute, and ends idle with the right members. The evaluation is held at a known point: the test locks the table of
 * computed members from its own connection, so the evaluation's write of the snapshot waits (holding the group's row)
 * until after the kill.
 */
class RefreshTakeoverAfterKillIT {
    private static final Duration TAKEOVER_LIMIT = Duration.ofMinutes(1);

    @Test
    void a_background_refresh_cut_off_by_kill_9_is_taken_over_within_a_minute_of_the_restart() throws Exception {
        // Every refresh goes to the background; the claim lease and its renewal are the production defaults.
        try (PackagedCircles circles = PackagedCircles.start(Map.of("CIRCLES_REFRESH_SYNC_LIMIT", "0"))) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String adminId = "crash-admin-" + suffix;
            String admin = circles.token(adminId, "user");
            String orgId = circles.as(circles.token("crash-platform", "platform-admin"))
                    .body(Map.of("name", "Crash " + suffix, "slug", "crash-" + suffix, "adminUserIds", List.of(adminId)))
                    .post("/v1/orgs").then().statusCode(201).extract().path("id");
            for (String[] member : new String[][] {{"ana", "backend"}, {"bo", "backend"}, {"cy", "sales"}}) {
                circles.as(admin).body(Map.of("userId", member[0], "role", "member", "department", member[1]))
                        .post("/v1/orgs/{orgId}/members", orgId).then().statusCode(201);
            }
            Map<String, Object> group = new HashMap<>(Map.of("orgId", orgId, "name", "Backend", "type", "custom",
                    "kind", "dynamic", "visibility", "organization", "rule", Map.of("criterion", "attribute",
                            "field", "department", "operator", "equals", "value", "backend")));
            String groupId = circles.as(admin).body(group).post("/v1/groups").then().statusCode(201)
                    .extract().path("id");
            assertThat(members(circles, admin, groupId)).containsExactlyInAnyOrder("ana", "bo");
            circles.awaitDirectoryEventsHandled(orgId);
            // A change no event announces: only a full evaluation of the group takes cy in.
            try (Connection connection = circles.superuserConnection();
                 PreparedStatement move = connection.prepareStatement("update org_members set department = 'backend'"
                         + " where org_id = ? and user_id = 'cy'")) {
                move.setObject(1, UUID.fromString(orgId));
                assertThat(move.executeUpdate()).isEqualTo(1);
            }

            Instant killedAt;
            try (Connection holder = circles.superuserConnection()) {
                holder.setAutoCommit(false);
                try (Statement lock = holder.createStatement()) {
                    lock.execute("lock table dynamic_group_members in share mode");
                }
                circles.as(admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(202)
                        .body("evaluation.status", equalTo("evaluating"));
                assertThat(PackagedCircles.eventually(Duration.ofSeconds(30), () -> snapshotWriteWaits(circles)))
                        .as("the background evaluation waits to write the group's members").isTrue();

                // The heartbeat: the claim's lease end moves on while the evaluation waits.
                Instant firstLeaseEnd = leaseEnd(circles, groupId);
                assertThat(PackagedCircles.eventually(Duration.ofSeconds(20),
                        () -> leaseEnd(circles, groupId).isAfter(firstLeaseEnd)))
                        .as("the running instance renews its claim").isTrue();
                circles.as(admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(409)
                        .body("type", endsWith("/problems/group-evaluating"));

                circles.kill();
                killedAt = Instant.now();
                holder.commit();
            }
            assertThat(circles.count("select count(*) from groups where id = ? and evaluation_status = 'evaluating'",
                    UUID.fromString(groupId))).as("the dead process's claim is left behind").isEqualTo(1);
            Instant leaseEndAtKill = leaseEnd(circles, groupId);

            Duration restart = circles.startApplication();
            Instant readyAt = Instant.now();
            Instant acceptedAt = null;
            Instant idleAt = null;
            Instant deadline = readyAt.plus(TAKEOVER_LIMIT);
            while (idleAt == null && Instant.now().isBefore(deadline)) {
                if (acceptedAt == null) {
                    Response refresh = circles.as(admin).post("/v1/groups/{groupId}/refresh", groupId);
                    assertThat(refresh.statusCode()).as(refresh.asString()).isIn(202, 409);
                    if (refresh.statusCode() == 202) {
                        acceptedAt = Instant.now();
                    }
                } else {
                    Response state = circles.as(admin).get("/v1/groups/{groupId}/evaluation", groupId);
                    if ("idle".equals(state.path("evaluation.status"))) {
                        idleAt = Instant.now();
                        break;
                    }
                }
                Thread.sleep(250);
            }

            assertThat(acceptedAt).as("a refresh is accepted within %s of the restart", TAKEOVER_LIMIT).isNotNull();
            assertThat(idleAt).as("the refresh ends within %s of the restart", TAKEOVER_LIMIT).isNotNull();
            circles.as(admin).get("/v1/groups/{groupId}/evaluation", groupId).then().statusCode(200)
                    .body("evaluation.lastError", nullValue())
                    .body("evaluationStartedAt", nullValue());
            assertThat(members(circles, admin, groupId)).containsExactlyInAnyOrder("ana", "bo", "cy");
            System.out.printf("kill -9 during a background refresh: lease ended %.1f s after the kill; restart took"
                            + " %.1f s; refresh accepted %.1f s after the kill (%.1f s after the restart); group idle"
                            + " with its members %.1f s after the kill (%.1f s after the restart)%n",
                    seconds(killedAt, leaseEndAtKill), restart.toMillis() / 1000.0, seconds(killedAt, acceptedAt),
                    seconds(readyAt, acceptedAt), seconds(killedAt, idleAt), seconds(readyAt, idleAt));
        }
    }

    private static List<String> members(PackagedCircles circles, String token, String groupId) {
        return circles.as(token).queryParam("limit", 500).get("/v1/groups/{groupId}/members", groupId)
                .then().statusCode(200).extract().jsonPath().getList("items.userId");
    }

    /**
     * Whether a write of computed members waits for the test's lock. With the org's directory events handled, the only
     * writer is the refresh's evaluation.
     */
    private static boolean snapshotWriteWaits(PackagedCircles circles) {
        return circles.count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                + " where c.relname = 'dynamic_group_members' and not l.granted") > 0;
    }

    private static Instant leaseEnd(PackagedCircles circles, String groupId) {
        try (Connection connection = circles.superuserConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select expires_at from refresh_claims where group_id = ?")) {
            query.setObject(1, UUID.fromString(groupId));
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("group " + groupId + " has no claim");
                }
                Timestamp expiresAt = rows.getTimestamp(1);
                return expiresAt.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the claim of group " + groupId, e);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
