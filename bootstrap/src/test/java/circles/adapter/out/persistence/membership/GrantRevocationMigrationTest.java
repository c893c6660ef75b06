package circles.adapter.out.persistence.membership;

import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.embedded.CirclesDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration that revokes group grants stored before the grant rules: a database migrated to the version
 * before it holds grants of every kind, good and bad, with the audit trail the application writes; the migration
 * lowers exactly the bad ones, each with one audit event, leaves the good ones and those whose granter is not on
 * record, and changes nothing when run again or on an empty database. Runs Flyway against a real PostgreSQL as
 * the application's own (row-level security bound) role.
 */
class GrantRevocationMigrationTest {
    private static final String MIGRATION = "db/migration/V19__revoke_grants_beyond_reach.sql";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY_1 = Instant.parse("2026-01-01T10:00:00Z");

    private static EmbeddedPostgres postgres;

    private String url;
    private final UUID org = UUID.randomUUID();
    private final UUID group = UUID.randomUUID();
    private final UUID invitingGroup = UUID.randomUUID();
    private final UUID standalone = UUID.randomUUID();

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        CirclesDatabase.provision(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        String name = "revoke_" + DATABASES.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + " owner " + CirclesDatabase.ROLE);
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    @Test
    void an_empty_database_migrates_to_the_latest_version_with_nothing_revoked() throws SQLException {
        flyway(null).migrate();

        try (Connection connection = connect()) {
            assertThat(single(connection, "select max(version::int) from flyway_schema_history where success"))
                    .isGreaterThanOrEqualTo(19);
            assertThat(revocationEvents(connection)).isEmpty();
        }
    }

    @Test
    void exactly_the_grants_beyond_their_granters_reach_are_lowered_each_with_one_audit_event() throws Exception {
        flyway("18").migrate();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            everyKindOfGrant(connection);
            connection.commit();
        }
        Map<String, Membership> before = memberships();

        flyway(null).migrate();

        Map<String, Membership> after = memberships();
        Map<String, Membership> expectedChanges = new LinkedHashMap<>();
        expectedChanges.put("owner-by-admin", new Membership("admin", List.of()));
        expectedChanges.put("moderator-by-moderator", new Membership("member", List.of()));
        expectedChanges.put("permission-by-moderator", new Membership("member", List.of()));
        expectedChanges.put("permission-by-inviter", new Membership("member", List.of()));
        expectedChanges.put("unheld-permission-by-admin", new Membership("member", List.of("send_notifications")));
        expectedChanges.put("promoted-by-moderator", new Membership("member", List.of()));
        expectedChanges.put("unheld-permission-later-by-admin", new Membership("member", List.of()));
        expectedChanges.put("self-promoted-admin", new Membership("admin", List.of()));
        expectedChanges.put("admin-by-then-moderator", new Membership("member", List.of()));
        expectedChanges.put("both-by-moderator", new Membership("member", List.of()));

        Map<String, Membership> expected = new HashMap<>(before);
        expected.putAll(expectedChanges);
        assertThat(after).isEqualTo(expected);

        try (Connection connection = connect()) {
            List<JsonNode> events = revocationEvents(connection);
            assertThat(events).extracting(event -> event.get("targetId").asText())
                    .containsExactlyInAnyOrderElementsOf(expectedChanges.keySet());
            for (JsonNode event : events) {
                String user = event.get("targetId").asText();
                Membership was = before.get(user);
                Membership now = expectedChanges.get(user);
                JsonNode summary = event.get("summary");
                assertThat(event.get("actorId").isNull()).as("revoked by the system: %s", user).isTrue();
                assertThat(event.get("orgId").asText()).isEqualTo(org.toString());
                assertThat(event.get("targetType").asText()).isEqualTo("group_member");
                assertThat(summary.get("groupId").asText()).isIn(group.toString(), invitingGroup.toString());
                if (was.role().equals(now.role())) {
                    assertThat(summary.has("role")).as("role of %s untouched", user).isFalse();
                } else {
                    assertThat(summary.get("role").get("from").asText()).isEqualTo(was.role());
                    assertThat(summary.get("role").get("to").asText()).isEqualTo(now.role());
                }
                if (was.permissions().equals(now.permissions())) {
                    assertThat(summary.has("permissions")).as("permissions of %s untouched", user).isFalse();
                } else {
                    assertThat(texts(summary.get("permissions").get("from"))).isEqualTo(was.permissions());
                    assertThat(texts(summary.get("permissions").get("to"))).isEqualTo(now.permissions());
                }
                assertThat(summary.get("reason").asText()).as("reason for %s", user).isNotBlank()
                        .contains("granted by");
            }
            JsonNode selfPromoted = events.stream()
                    .filter(event -> event.get("targetId").asText().equals("self-promoted-admin")).findFirst()
                    .orElseThrow();
            assertThat(selfPromoted.get("summary").get("reason").asText())
                    .contains("the role owner was granted by self-promoted-admin (a group admin)")
                    .contains("who could grant up to admin");
            JsonNode unheld = events.stream()
                    .filter(event -> event.get("targetId").asText().equals("unheld-permission-by-admin")).findFirst()
                    .orElseThrow();
            assertThat(unheld.get("summary").get("reason").asText())
                    .contains("the permissions delete were granted by admin (a group admin)");
        }
    }

    @Test
    void running_the_revocation_again_finds_nothing_more_to_revoke() throws Exception {
        flyway("18").migrate();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            everyKindOfGrant(connection);
            connection.commit();
        }
        flyway(null).migrate();
        Map<String, Membership> once = memberships();
        int eventsOnce;
        try (Connection connection = connect()) {
            eventsOnce = revocationEvents(connection).size();
        }

        String notice;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(migrationScript());
                notice = notices(statement);
            }
            connection.commit();
        }

        assertThat(notice).contains("V19: 0 group grants beyond their granter's reach revoked");
        assertThat(memberships()).isEqualTo(once);
        try (Connection connection = connect()) {
            assertThat(revocationEvents(connection)).hasSize(eventsOnce);
        }
    }

    @Test
    void the_migration_reports_how_many_grants_it_revoked_and_how_many_it_could_not_judge() throws Exception {
        flyway("18").migrate();
        String notice;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            everyKindOfGrant(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(migrationScript());
                notice = notices(statement);
            }
            connection.commit();
        }

        assertThat(notice).contains("V19: 10 group grants beyond their granter's reach revoked")
                .contains(" 3 grants above a plain membership left as they are");
    }

    /**
     * Org O has group G (no member invites, owned by its {@code ownerId} "group-owner-id") and group H (member
     * invites allowed), and a standalone group S. Each membership is named after the case it shows.
     */
    private void everyKindOfGrant(Connection c) throws SQLException {
        exec(c, "select set_config('circles.scope', 'all', true)");
        exec(c, "insert into orgs (id, name, slug, created_at, updated_at) values (?, 'O', 'o', now(), now())", org);
        group(c, group, org, false, "group-owner-id");
        group(c, invitingGroup, org, true, null);
        group(c, standalone, null, false, null);

        orgMember(c, "org-admin", "admin");
        orgMember(c, "group-owner-id", "member");
        member(c, group, "owner", "owner", List.of(), "org-admin", DAY_1.minusSeconds(86_400));
        member(c, group, "admin", "admin", List.of(), "owner", DAY_1);
        member(c, group, "admin-with-delete", "admin", List.of("delete"), "owner", DAY_1);
        member(c, group, "moderator", "moderator", List.of(), "owner", DAY_1);
        member(c, invitingGroup, "inviter", "member", List.of(), "org-admin", DAY_1);
        member(c, invitingGroup, "inviter-admin", "admin", List.of(), "org-admin", DAY_1);
        Instant day2 = DAY_1.plusSeconds(86_400);
        Instant day3 = day2.plusSeconds(86_400);
        Instant day4 = day3.plusSeconds(86_400);

        // Bad: roles above the granter's.
        member(c, group, "owner-by-admin", "owner", List.of(), "admin", day2);
        member(c, group, "moderator-by-moderator", "moderator", List.of(), "moderator", day2);
        // Bad: extra permissions from those who grant none, or that the granter did not hold.
        member(c, group, "permission-by-moderator", "member", List.of("send_notifications"), "moderator", day2);
        member(c, invitingGroup, "permission-by-inviter", "member", List.of("manage_settings"), "inviter", day2);
        member(c, group, "unheld-permission-by-admin", "member", List.of("delete", "send_notifications"), "admin",
                day2);
        member(c, group, "both-by-moderator", "admin", List.of("manage_settings"), "moderator", day2);
        // Bad: later changes, known from the audit trail.
        member(c, group, "promoted-by-moderator", "admin", List.of(), "owner", day2);
        updated(c, group, "promoted-by-moderator", "moderator", day3, Map.of("role", Map.of("from", "member",
                "to", "admin")));
        member(c, group, "unheld-permission-later-by-admin", "member", List.of("delete"), "owner", day2);
        updated(c, group, "unheld-permission-later-by-admin", "owner", day3, Map.of("permissions", List.of()));
        updated(c, group, "unheld-permission-later-by-admin", "admin", day4, Map.of("permissions",
                List.of("delete")));
        member(c, group, "self-promoted-admin", "owner", List.of(), "owner", day2);
        updated(c, group, "self-promoted-admin", "owner", day2.plusSeconds(60), Map.of("role", Map.of("from",
                "member", "to", "admin")));
        updated(c, group, "self-promoted-admin", "self-promoted-admin", day3, Map.of("role", Map.of("from",
                "admin", "to", "owner")));
        // Bad: the granter was a moderator then, though an owner now.
        member(c, group, "risen-moderator", "owner", List.of(), "owner", DAY_1);
        member(c, group, "admin-by-then-moderator", "admin", List.of(), "risen-moderator", day2);
        updated(c, group, "risen-moderator", "owner", day3, Map.of("role", Map.of("from", "moderator",
                "to", "owner")));

        // Good: within the granter's reach.
        member(c, group, "admin-by-owner", "admin", List.of("delete"), "owner", day2);
        member(c, group, "owner-by-org-admin", "owner", List.of("delete"), "org-admin", day2);
        member(c, group, "owner-by-owner-id", "owner", List.of(), "group-owner-id", day2);
        member(c, group, "admin-by-admin-with-delete", "admin", List.of("delete"), "admin-with-delete", day2);
        member(c, group, "moderator-by-admin", "moderator", List.of("send_notifications"), "admin", day2);
        member(c, group, "member-by-moderator", "member", List.of(), "moderator", day2);
        member(c, invitingGroup, "member-by-inviter", "member", List.of(), "inviter", day2);
        member(c, invitingGroup, "moderator-by-inviting-groups-admin", "moderator", List.of(), "inviter-admin", day2);
        // Good: the granter was an owner then, though no longer.
        member(c, group, "stepped-down", "member", List.of(), "owner", DAY_1);
        member(c, group, "admin-by-then-owner", "admin", List.of(), "stepped-down", day2);
        updated(c, group, "stepped-down", "owner", DAY_1.plusSeconds(60), Map.of("role", Map.of("from", "member",
                "to", "owner")));
        updated(c, group, "stepped-down", "stepped-down", day3, Map.of("role", Map.of("from", "owner",
                "to", "member")));
        // Good: the granter was an org admin then, though a plain org member (and moderator of G) now.
        member(c, group, "former-org-admin", "moderator", List.of(), "owner", DAY_1);
        member(c, group, "owner-by-then-org-admin", "owner", List.of("delete"), "former-org-admin", day2);
        exec(c, "insert into audit_events (id, org_id, actor_id, action, target_type, target_id, occurred_at,"
                        + " summary) values (?, ?, 'org-admin', 'org_member.updated', 'org_member', 'former-org-admin',"
                        + " ?, ?::jsonb)", UUID.randomUUID(), org, Timestamp.from(day3),
                json(Map.of("role", Map.of("from", "admin", "to", "member"))));
        // Good: an admin's change keeps a permission an owner gave at the add.
        member(c, group, "kept-permission", "member", List.of("delete", "send_notifications"), "owner", day2);
        updated(c, group, "kept-permission", "admin", day3, Map.of("permissions",
                List.of("delete", "send_notifications")));
        // Left alone: the granter is not on record.
        member(c, group, "admin-without-granter", "admin", List.of(), null, day2);
        member(c, group, "owner-by-someone-outside", "owner", List.of(), "platform-admin", day2);
        member(c, standalone, "standalone-creator", "owner", List.of(), null, day2);
        member(c, group, "plain-member", "member", List.of(), "owner", DAY_1);
        member(c, group, "admin-by-plain-member", "admin", List.of(), "plain-member", day2);
    }

    private void group(Connection c, UUID id, UUID orgId, boolean invites, String ownerId) throws SQLException {
        exec(c, "insert into groups (id, org_id, name, slug, type, kind, visibility, owner_id, settings, created_at,"
                        + " updated_at) values (?, ?, ?, ?, ?, 'static', 'organization', ?, ?::jsonb, now(), now())",
                id, orgId, id.toString(), id.toString(), orgId == null ? "standalone" : "project", ownerId,
                "{\"allowMemberInvites\": " + invites + ", \"requireApproval\": false}");
    }

    private void orgMember(Connection c, String user, String role) throws SQLException {
        exec(c, "insert into users (id) values (?) on conflict do nothing", user);
        exec(c, "insert into org_members (org_id, user_id, role, status, joined_at, updated_at)"
                + " values (?, ?, ?, 'active', now(), now()) on conflict do nothing", org, user, role);
    }

    private void member(Connection c, UUID groupId, String user, String role, List<String> permissions,
                        String invitedBy, Instant joinedAt) throws SQLException {
        boolean inOrg = !groupId.equals(standalone);
        if (inOrg) {
            orgMember(c, user, "member");
        } else {
            exec(c, "insert into users (id) values (?) on conflict do nothing", user);
        }
        try (PreparedStatement insert = c.prepareStatement("insert into group_members (group_id, org_id, user_id,"
                + " role, status, joined_at, invited_by, permissions) values (?, ?, ?, ?, 'active', ?, ?, ?)")) {
            insert.setObject(1, groupId);
            insert.setObject(2, inOrg ? org : null);
            insert.setString(3, user);
            insert.setString(4, role);
            insert.setTimestamp(5, Timestamp.from(joinedAt));
            insert.setString(6, invitedBy);
            insert.setArray(7, c.createArrayOf("text", permissions.toArray()));
            insert.executeUpdate();
        }
        exec(c, "insert into audit_events (id, org_id, actor_id, action, target_type, target_id, occurred_at,"
                        + " summary) values (?, ?, ?, 'group_member.added', 'group_member', ?, ?, ?::jsonb)",
                UUID.randomUUID(), inOrg ? org : null, invitedBy, user, Timestamp.from(joinedAt),
                json(Map.of("groupId", groupId.toString(), "role", role)));
    }

    /** A change of a membership as the application records it (group_member.updated). */
    private void updated(Connection c, UUID groupId, String user, String actor, Instant at, Map<String, Object> changes)
            throws SQLException {
        Map<String, Object> summary = new LinkedHashMap<>(changes);
        summary.put("groupId", groupId.toString());
        exec(c, "insert into audit_events (id, org_id, actor_id, action, target_type, target_id, occurred_at,"
                        + " summary) values (?, ?, ?, 'group_member.updated', 'group_member', ?, ?, ?::jsonb)",
                UUID.randomUUID(), org, actor, user, Timestamp.from(at), json(summary));
    }

    private record Membership(String role, List<String> permissions) {
    }

    /** Every membership by user (each user holds one in these tests). */
    private Map<String, Membership> memberships() throws SQLException {
        Map<String, Membership> result = new HashMap<>();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            exec(connection, "select set_config('circles.scope', 'all', true)");
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "select user_id, role, permissions from group_members")) {
                while (rows.next()) {
                    Array permissions = rows.getArray(3);
                    List<String> sorted = new ArrayList<>(Arrays.asList((String[]) permissions.getArray()));
                    sorted.sort(null);
                    result.put(rows.getString(1), new Membership(rows.getString(2), List.copyOf(sorted)));
                }
            }
            connection.commit();
        }
        return result;
    }

    private static List<JsonNode> revocationEvents(Connection connection) throws SQLException {
        List<JsonNode> events = new ArrayList<>();
        connection.setAutoCommit(false);
        exec(connection, "select set_config('circles.scope', 'all', true)");
        try (ResultSet rows = connection.createStatement().executeQuery("select json_build_object('orgId', org_id,"
                + " 'actorId', actor_id, 'targetType', target_type, 'targetId', target_id, 'summary', summary)"
                + " from audit_events where action = 'group_member.grant_revoked'")) {
            while (rows.next()) {
                events.add(JSON.readTree(rows.getString(1)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        connection.commit();
        connection.setAutoCommit(true);
        return events;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String notices(Statement statement) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            text.append(warning.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String migrationScript() throws IOException {
        try (InputStream in = GrantRevocationMigrationTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(in).as(MIGRATION).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(url, CirclesDatabase.ROLE, CirclesDatabase.PASSWORD)
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(MigrationVersion.fromVersion(target));
        }
        return configuration.load();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", CirclesDatabase.ROLE);
        properties.setProperty("password", CirclesDatabase.PASSWORD);
        return new org.postgresql.Driver().connect(url, properties);
    }

    private static int single(Connection connection, String sql) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void exec(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
