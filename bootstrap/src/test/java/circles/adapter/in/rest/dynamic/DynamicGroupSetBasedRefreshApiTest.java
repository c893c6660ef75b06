package circles.adapter.in.rest.dynamic;

import static circles.adapter.in.rest.RestApi.JSON;
import static circles.adapter.in.rest.RestApi.MERGE_PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A refresh over a larger org (2,000 members with messy profiles, a department tree and manager chains) takes the
 * set-based path for a rule the store supports, and the members the API then lists are exactly those the in-memory
 * evaluator selects from the same data, as are those of a group whose rule only the in-memory path can judge; the
 * preview counts as many.
 */
@QuarkusTest
class DynamicGroupSetBasedRefreshApiTest {
    private static final int MEMBERS = 2_000;
    private static final List<String> DEPARTMENTS = List.of("engineering", "backend", "frontend", "platform", "sre",
            "sales", "emea", "apac", "hr");
    private static final Map<String, String> PARENTS = Map.of("backend", "engineering", "frontend", "engineering",
            "platform", "engineering", "sre", "platform", "emea", "sales", "apac", "sales");
    private static final List<String> DEPARTMENT_VALUES = List.of("engineering", "backend", "Backend", "frontend",
            "platform", "SRE", "sales", "emea", "apac", "hr", "marketing");
    private static final List<String> TITLES = List.of("Senior Engineer", "senior developer", "Engineer",
            "Junior Engineer", "Sales Lead", "SENIOR Sales Lead");
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
    RuleMemberQuery ruleMemberQuery;

    @Test
    void a_refresh_of_a_larger_org_lists_exactly_the_members_the_in_memory_evaluator_selects() {
        TestOrg org = TestOrg.create();
        String prefix = Ids.unique("big") + "-";
        for (String key : DEPARTMENTS) {
            Map<String, Object> node = new HashMap<>(Map.of("key", key, "name", key.toUpperCase()));
            if (PARENTS.containsKey(key)) {
                node.put("parentKey", PARENTS.get(key));
            }
            RestApi.as(org.admin).contentType(JSON).body(node).post("/v1/orgs/{orgId}/departments", org.id)
                    .then().statusCode(201);
        }
        importMembers(org, prefix, new Random(20_261_122));

        Map<String, Object> ruleDocument = Map.of("all", List.of(
                Map.of("criterion", "attribute", "field", "department", "operator", "is_under",
                        "value", "engineering"),
                Map.of("any", List.of(
                        Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with",
                                "value", "senior"),
                        Map.of("criterion", "reports_to", "managerId", id(prefix, 2), "includeNested", true))),
                Map.of("not", Map.of("criterion", "attribute", "field", "employeeType", "operator", "equals",
                        "value", "contractor")),
                Map.of("criterion", "attribute", "field", "custom.team", "operator", "in_list",
                        "value", List.of("t0", "t1", "t2"))));
        Rule rule = rules.parse(ruleDocument);
        assertThat(ruleMemberQuery.supports(rule)).as("the rule takes the set-based path").isTrue();
        String groupId = org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", ruleDocument)).then().statusCode(201).extract().path("id");
        String emptyGroup = org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                        "value", "nowhere"))).then().statusCode(201).extract().path("id");
        // The same rule "or member of an empty group": only the in-memory path judges member_of.
        String inMemoryGroup = org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom",
                "rule", Map.of("any", List.of(ruleDocument, Map.of("criterion", "member_of",
                        "groupId", emptyGroup))))).then().statusCode(201).extract().path("id");

        Random changes = new Random(7);
        for (int i = 0; i < 40; i++) {
            String userId = id(prefix, 1 + changes.nextInt(MEMBERS - 1));
            Map<String, Object> patch = switch (i % 4) {
                case 0 -> Map.of("department", "sre");
                case 1 -> Map.of("status", "suspended");
                case 2 -> Map.of("jobTitle", "  Senior Architect ");
                default -> Map.of("customAttributes", Map.of("team", "t9"));
            };
            RestApi.as(org.admin).contentType(MERGE_PATCH).body(patch)
                    .patch("/v1/orgs/{orgId}/members/{userId}", org.id, userId).then().statusCode(200);
        }
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", groupId).then().statusCode(200);
        RestApi.as(org.admin).post("/v1/groups/{groupId}/refresh", inMemoryGroup).then().statusCode(200);

        Set<String> expected = inMemory(new OrgId(UUID.fromString(org.id)), rule);
        assertThat(expected).hasSizeBetween(100, MEMBERS / 2);
        assertThat(listed(groupId)).isEqualTo(expected);
        assertThat(listed(inMemoryGroup)).isEqualTo(expected);
        RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", ruleDocument))
                .post("/v1/orgs/{orgId}/rules/preview", org.id)
                .then().statusCode(200).body("count", equalTo(expected.size()));
    }

    private static String id(String prefix, int i) {
        return prefix + String.format("%04d", i);
    }

    /** Members with messy profiles; member i reports to member (i - 1) / 4, so chains are about six deep. */
    private static void importMembers(TestOrg org, String prefix, Random random) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
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
            } else if (i % 53 == 7) {
                row.put("status", "deactivated");
            }
            rows.add(row);
        }
        RestApi.as(org.admin).contentType(JSON).body(rows).post("/v1/orgs/{orgId}/members/import", org.id)
                .then().statusCode(200).body("created", equalTo(MEMBERS)).body("failed", equalTo(0));
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The members the API lists for the group, page by page. */
    private static Set<String> listed(String groupId) {
        Set<String> members = new TreeSet<>();
        String cursor = null;
        do {
            var request = RestApi.asPlatformAdmin().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/groups/{groupId}/members", groupId).then().statusCode(200).extract();
            members.addAll(page.<List<String>>path("items.userId"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return members;
    }

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
