package circles.adapter.out.persistence.memberindex;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.MemberIndex;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.rule.RuleValidationService;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two member indexes over one database, as two processes would hold them: the application's, which answers the
 * previews, and a second one that sees changes only through the database. Through the API an org takes a sequence
 * of profile changes, manager changes, suspensions and reactivations, imports (changed and new members), department
 * moves and departures; after each, every random rule must select on both indexes exactly what the in-memory
 * evaluator selects from the org as stored and what the set-based SQL path selects, and the preview over HTTP must
 * count and list as many. Halfway the application's index is dropped, as at a restart, and rebuilt on first use.
 */
@QuarkusTest
class MemberIndexChangesApiTest {
    private static final int MEMBERS = 400;
    private static final int RULES = 10;
    private static final int STEPS = 24;
    private static final List<String> DEPARTMENTS = List.of("engineering", "backend", "frontend", "platform", "sre",
            "sales", "emea", "apac", "hr");
    private static final Map<String, String> PARENTS = Map.of("backend", "engineering", "frontend", "engineering",
            "platform", "engineering", "sre", "platform", "emea", "sales", "apac", "sales");
    /** Moves that never put a node under its own subtree. */
    private static final List<List<String>> MOVES = List.of(List.of("backend", "sales"),
            List.of("backend", "engineering"), List.of("emea", "platform"), List.of("emea", "sales"),
            List.of("sre", "hr"), List.of("sre", "platform"));
    private static final List<String> DEPARTMENT_VALUES = List.of("engineering", "backend", " Backend ", "frontend",
            "platform", "SRE", "sales", "emea", "apac", "hr", "marketing");
    private static final List<String> TITLES = List.of("Senior Engineer", "senior developer", "Engineer",
            "Junior Engineer", "Sales Lead", "SENIOR Sales Lead", " Straße Lead ");
    private static final List<String> EMPLOYEE_TYPES = List.of("full_time", "Full_Time", "contractor", "part_time");

    @Inject
    UnitOfWork tx;
    @Inject
    TenantScope tenant;
    @Inject
    OrgMemberRepository orgMembers;
    @Inject
    MasterDataRepository masterData;
    @Inject
    RuleValidationService rules;
    @Inject
    RuleMemberQuery sql;
    @Inject
    MemberIndexAdapter first;
    @Inject
    EntityManager em;
    @Inject
    TenantScopeAdapter scope;
    @Inject
    Clock clock;

    @Test
    void two_indexes_follow_profile_changes_imports_tree_moves_departures_and_a_restart() {
        TestOrg org = TestOrg.create();
        OrgId orgId = new OrgId(UUID.fromString(org.id));
        String prefix = Ids.unique("ix") + "-";
        for (String key : DEPARTMENTS) {
            Map<String, Object> node = new HashMap<>(Map.of("key", key, "name", key.toUpperCase()));
            if (PARENTS.containsKey(key)) {
                node.put("parentKey", PARENTS.get(key));
            }
            RestApi.as(org.admin).contentType(JSON).body(node).post("/v1/orgs/{orgId}/departments", org.id)
                    .then().statusCode(201);
        }
        Random random = new Random(20_261_207);
        importMembers(org, prefix, random, 0, MEMBERS);
        MemberIndexAdapter second = new MemberIndexAdapter(em, scope, clock);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (int r = 0; r < RULES; r++) {
            documents.add(rule(random, prefix, 1));
        }
        int nonEmpty = check(org, orgId, documents, second);
        Set<String> gone = new TreeSet<>();
        int added = MEMBERS;
        for (int step = 0; step < STEPS; step++) {
            String userId = id(prefix, 1 + random.nextInt(MEMBERS - 1));
            if (gone.contains(userId)) {
                continue;
            }
            switch (step % 8) {
                case 0 -> patch(org, userId, Map.of("department", pick(random, DEPARTMENT_VALUES)));
                case 1 -> patch(org, userId, Map.of("status", "suspended"));
                case 2 -> patch(org, userId, Map.of("jobTitle", pick(random, TITLES), "status", "active"));
                case 3 -> {
                    Map<String, Object> team = new HashMap<>();
                    team.put("team", random.nextBoolean() ? null : "t" + random.nextInt(5));
                    patch(org, userId, Map.of("customAttributes", team));
                }
                case 4 -> patch(org, userId, Map.of("managerId",
                        id(prefix, random.nextInt(Integer.parseInt(userId.substring(prefix.length()))))));
                case 5 -> {
                    importMembers(org, prefix, random, added, 5);
                    added += 5;
                    importMembers(org, prefix, random, 1 + random.nextInt(MEMBERS - 30), 20);
                }
                case 6 -> {
                    List<String> move = pick(random, MOVES);
                    RestApi.as(org.admin).contentType(MERGE_PATCH).body(Map.of("parentKey", move.get(1)))
                            .patch("/v1/orgs/{orgId}/departments/{key}", org.id, move.get(0))
                            .then().statusCode(200);
                }
                default -> {
                    RestApi.as(org.admin).delete("/v1/orgs/{orgId}/members/{userId}", org.id, userId)
                            .then().statusCode(204);
                    gone.add(userId);
                }
            }
            if (step == STEPS / 2) {
                first.forget();
            }
            nonEmpty += check(org, orgId, documents, second);
        }
        assertThat(nonEmpty).as("rules that select somebody").isGreaterThan((STEPS + 1) * RULES / 3);
    }

    /** Every rule on both indexes, the SQL path and the preview, against the in-memory evaluator. */
    private int check(TestOrg org, OrgId orgId, List<Map<String, Object>> documents, MemberIndexAdapter second) {
        int nonEmpty = 0;
        for (Map<String, Object> document : documents) {
            Rule rule = rules.parse(document);
            Set<String> expected = inMemory(orgId, rule);
            var preview = RestApi.as(org.admin).contentType(JSON)
                    .body(Map.of("rule", document, "limit", 5)).post("/v1/orgs/{orgId}/rules/preview", org.id)
                    .then().statusCode(200).extract();
            assertThat(((Number) preview.path("count")).longValue()).as("preview count of %s", document)
                    .isEqualTo(expected.size());
            assertThat(preview.<List<String>>path("items.userId")).as("preview page of %s", document)
                    .isEqualTo(expected.stream().limit(5).toList());
            assertThat(selected(orgId, first, rule)).as("first index, %s", document).contains(expected);
            assertThat(selected(orgId, second, rule)).as("second index, %s", document).contains(expected);
            Set<String> bySql = tx.inTransaction(() -> {
                tenant.enter(orgId);
                Set<String> ids = new TreeSet<>();
                sql.members(orgId, rule).forEach(id -> ids.add(id.value()));
                return ids;
            });
            assertThat(bySql).as("SQL path, %s", document).isEqualTo(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        return nonEmpty;
    }

    private Optional<Set<String>> selected(OrgId orgId, MemberIndex index, Rule rule) {
        return tx.inTransaction(() -> {
            tenant.enter(orgId);
            return index.select(orgId, rule).map(selection -> {
                Set<String> ids = new TreeSet<>();
                selection.members().forEach(id -> ids.add(id.value()));
                assertThat(selection.count()).isEqualTo(ids.size());
                return ids;
            });
        });
    }

    private static void patch(TestOrg org, String userId, Map<String, Object> patch) {
        RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch)
                .patch("/v1/orgs/{orgId}/members/{userId}", org.id, userId).then().statusCode(200);
    }

    // ---- generators ----

    private static String id(String prefix, int i) {
        return prefix + String.format("%04d", i);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Members {@code from} to {@code from + count - 1}; member i reports to member (i - 1) / 4. */
    private static void importMembers(TestOrg org, String prefix, Random random, int from, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("userId", id(prefix, i));
            row.put("email", "User" + i + "@Acme.example");
            row.put("displayName", "Person " + i);
            if (random.nextInt(10) > 0) {
                row.put("department", pick(random, DEPARTMENT_VALUES));
            }
            if (random.nextInt(8) > 0) {
                row.put("jobTitle", pick(random, TITLES));
            }
            row.put("employeeType", pick(random, EMPLOYEE_TYPES));
            if (i > 0) {
                row.put("managerId", id(prefix, (i - 1) / 4));
            }
            if (random.nextInt(6) > 0) {
                row.put("customAttributes", Map.of("team", "t" + random.nextInt(5)));
            }
            if (i % 37 == 5) {
                row.put("status", "suspended");
            }
            rows.add(row);
        }
        RestApi.as(org.admin).contentType(JSON).body(rows).post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(200).body("failed", equalTo(0));
    }

    private static Map<String, Object> rule(Random random, String prefix, int depth) {
        int shape = depth >= 3 ? 3 : random.nextInt(6);
        return switch (shape) {
            case 0, 1 -> {
                List<Object> parts = new ArrayList<>();
                for (int i = 0; i < 2 + random.nextInt(2); i++) {
                    parts.add(rule(random, prefix, depth + 1));
                }
                yield Map.of(shape == 0 ? "all" : "any", parts);
            }
            case 2 -> Map.of("not", rule(random, prefix, depth + 1));
            default -> leaf(random, prefix);
        };
    }

    private static Map<String, Object> leaf(Random random, String prefix) {
        return switch (random.nextInt(9)) {
            case 0 -> Map.of("criterion", "attribute", "field", "department",
                    "operator", pick(random, List.of("is_under", "is_not_under", "is")),
                    "value", pick(random, DEPARTMENTS));
            case 1 -> Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with",
                    "value", "senior");
            case 2 -> Map.of("criterion", "attribute", "field", "jobTitle", "operator", "regex", "value", "(?i)lead$");
            case 3 -> Map.of("criterion", "attribute", "field", "employeeType", "operator", "in_list",
                    "value", List.of("full_time", "part_time"));
            case 4 -> Map.of("criterion", "attribute", "field", "custom.team",
                    "operator", pick(random, List.of("equals", "is_empty", "not_equals")), "value", "t1");
            case 5 -> random.nextBoolean() ? Map.of("criterion", "all_members")
                    : Map.of("criterion", "attribute", "field", "managerId",
                    "operator", pick(random, List.of("equals", "is_empty")), "value", id(prefix, random.nextInt(30)));
            default -> Map.of("criterion", "reports_to", "managerId", id(prefix, random.nextInt(30)),
                    "includeNested", random.nextBoolean());
        };
    }

    // ---- the in-memory reference ----

    /** The domain's in-memory evaluation over the org as stored: its members and its master-data trees. */
    private Set<String> inMemory(OrgId orgId, Rule rule) {
        return tx.inTransaction(() -> {
            tenant.enter(orgId);
            List<OrgMember> members = all(page -> orgMembers.list(orgId,
                    new OrgMemberRepository.Filter(null, null, null), page));
            List<MasterDataNode> nodes = new ArrayList<>();
            for (MasterDataKind kind : MasterDataKind.values()) {
                if (kind.isTree()) {
                    nodes.addAll(all(page -> masterData.list(orgId, kind, MasterDataRepository.Filter.ALL, page)));
                }
            }
            OrgSnapshot snapshot = OrgSnapshot.of(orgId, Instant.now(), members, nodes, Map.of());
            Set<String> selected = new TreeSet<>();
            new RuleEvaluator().members(rule, snapshot.memberIds(), snapshot)
                    .forEach(userId -> selected.add(userId.value()));
            return selected;
        });
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> fetch) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = fetch.apply(new PageRequest(PageRequest.MAX_LIMIT, cursor));
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }
}
