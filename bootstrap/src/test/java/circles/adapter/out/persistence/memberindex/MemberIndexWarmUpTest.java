package circles.adapter.out.persistence.memberindex;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.adapter.in.rest.TestOrg;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.shared.TenantScope;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.rule.RuleValidationService;
import circles.bootstrap.support.SyntheticOrgSeeder;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static circles.adapter.in.rest.RestApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up after start: the member index of every org with dynamic groups is built in the background, answers
 * then as the SQL path does, and until an org's build is done its previews take the SQL path rather than wait.
 */
@QuarkusTest
class MemberIndexWarmUpTest {
    private static final int MEMBERS = 300;

    @Inject
    MemberIndexAdapter index;
    @Inject
    MemberIndexWarmUp warmUp;
    @Inject
    RuleMemberQuery sql;
    @Inject
    RuleValidationService rules;
    @Inject
    UnitOfWork tx;
    @Inject
    TenantScope tenant;

    private static List<Map<String, Object>> documents(String prefix) {
        return List.of(
                Map.of("criterion", "attribute", "field", "department", "operator", "is_under", "value", "d1"),
                Map.of("all", List.of(
                        Map.of("criterion", "attribute", "field", "employeeType", "operator", "equals",
                                "value", "Employee"),
                        Map.of("criterion", "attribute", "field", "jobTitle", "operator", "starts_with",
                                "value", "title 1"))),
                Map.of("criterion", "reports_to", "managerId", SyntheticOrgSeeder.memberId(prefix, 2),
                        "includeNested", true));
    }

    @Test
    void the_warm_up_builds_the_index_of_every_org_with_dynamic_groups_and_it_answers_as_sql_does() throws Exception {
        String prefix = Ids.unique("wu") + "-";
        TestOrg org = seeded(prefix);
        OrgId orgId = new OrgId(UUID.fromString(org.id));
        List<Map<String, Object>> documents = documents(prefix);
        org.createGroup("organization", Map.of("kind", "dynamic", "type", "custom", "rule", documents.getFirst()))
                .then().statusCode(201);
        String plainPrefix = Ids.unique("np") + "-";
        TestOrg withoutDynamicGroups = seeded(plainPrefix);
        OrgId plainId = new OrgId(UUID.fromString(withoutDynamicGroups.id));

        index.forget();
        assertThat(index.built(orgId)).isFalse();
        int built = warmUp.warmUp().get(2, TimeUnit.MINUTES);

        assertThat(built).isPositive();
        assertThat(index.built(orgId)).as("index of the org with a dynamic group").isTrue();
        assertThat(index.built(plainId)).as("index of the org without dynamic groups").isFalse();
        int nonEmpty = 0;
        for (Map<String, Object> document : documents) {
            Rule rule = rules.parse(document);
            Set<String> bySql = bySql(orgId, rule);
            assertThat(fromIndex(orgId, rule)).as("index, %s", document).contains(bySql);
            int count = RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", document))
                    .post("/v1/orgs/{orgId}/rules/preview", org.id).then().statusCode(200).extract().path("count");
            assertThat(count).as("preview of %s", document).isEqualTo(bySql.size());
            nonEmpty += bySql.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("rules that select someone").isEqualTo(documents.size());
    }

    @Test
    void an_org_queued_for_the_warm_up_is_answered_by_sql_until_its_index_is_built() {
        String prefix = Ids.unique("wq") + "-";
        TestOrg org = seeded(prefix);
        OrgId orgId = new OrgId(UUID.fromString(org.id));
        Map<String, Object> document = documents(prefix).get(1);
        Rule rule = rules.parse(document);
        Set<String> bySql = bySql(orgId, rule);
        assertThat(bySql).isNotEmpty();

        index.forget();
        index.queueWarmUp(List.of(orgId));
        assertThat(fromIndex(orgId, rule)).as("the index while the org waits for its build").isEmpty();
        assertThat(index.built(orgId)).as("no build inside the request").isFalse();
        int count = RestApi.as(org.admin).contentType(JSON).body(Map.of("rule", document))
                .post("/v1/orgs/{orgId}/rules/preview", org.id).then().statusCode(200).extract().path("count");
        assertThat(count).isEqualTo(bySql.size());
        assertThat(index.built(orgId)).isFalse();

        assertThat(tx.inTransaction(() -> index.warm(orgId))).isTrue();
        assertThat(fromIndex(orgId, rule)).contains(bySql);
    }

    @Test
    void an_org_whose_warm_up_gave_up_builds_its_index_on_first_use_again() {
        String prefix = Ids.unique("wg") + "-";
        TestOrg org = seeded(prefix);
        OrgId orgId = new OrgId(UUID.fromString(org.id));
        Rule rule = rules.parse(documents(prefix).getFirst());

        index.forget();
        index.queueWarmUp(List.of(orgId));
        index.leaveWarmUp(orgId);

        assertThat(fromIndex(orgId, rule)).contains(bySql(orgId, rule));
        assertThat(index.built(orgId)).isTrue();
    }

    private static TestOrg seeded(String prefix) {
        TestOrg org = TestOrg.create();
        try {
            SyntheticOrgSeeder.seed(org.id, prefix, MEMBERS);
        } catch (java.sql.SQLException failure) {
            throw new IllegalStateException(failure);
        }
        return org;
    }

    private Set<String> bySql(OrgId orgId, Rule rule) {
        return tx.inTransaction(() -> {
            tenant.enter(orgId);
            Set<String> ids = new TreeSet<>();
            sql.members(orgId, rule).stream().map(UserId::value).forEach(ids::add);
            return ids;
        });
    }

    private Optional<Set<String>> fromIndex(OrgId orgId, Rule rule) {
        return tx.inTransaction(() -> {
            tenant.enter(orgId);
            return index.select(orgId, rule).map(selection -> {
                Set<String> ids = new TreeSet<>();
                selection.members().forEach(id -> ids.add(id.value()));
                return ids;
            });
        });
    }
}
