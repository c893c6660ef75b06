package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.dynamic.RuleMemberQueryParityTest.RawOrg;
import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.dynamic.MemberIndex;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.service.rule.RuleValidationService;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.org.Organization;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.rule.RuleParser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The member index must select exactly what the set-based SQL path and the in-memory evaluator select. The orgs and
 * rules are those of {@link RuleMemberQueryParityTest} (padded, blank, mixed-case and non-ASCII values, regular
 * expressions, unknown master-data keys, custom attributes, trees, manager chains, suspended and deactivated
 * members), small orgs of 30 to 80 members, all of which the index answers: no size threshold keeps them off it.
 * The seed is fixed, so a failure repeats.
 */
@QuarkusTest
class MemberIndexParityTest extends PersistenceTest {
    private static final RuleParser PARSER = new RuleParser(CriterionRegistry.withBuiltIns());
    private static final RuleEvaluator EVALUATOR = new RuleEvaluator();
    private static final int ORGS = 25;
    private static final int RULES_PER_ORG = 12;

    @Inject
    MemberIndex index;
    @Inject
    RuleMemberQuery sql;
    @Inject
    EntityManager em;
    @Inject
    RuleValidationService rules;

    @Test
    void the_index_selects_exactly_the_members_the_sql_and_the_in_memory_paths_select() {
        Random random = new Random(90_210);
        int indexed = 0;
        int rules = 0;
        int nonEmpty = 0;
        for (int o = 0; o < ORGS; o++) {
            Organization org = newOrg();
            RawOrg raw = RuleMemberQueryParityTest.org(random, unique("i") + "-");
            RuleMemberQueryParityTest.write(em, tenant, org, raw);
            OrgSnapshot snapshot = RuleMemberQueryParityTest.snapshot(raw);
            for (int r = 0; r < RULES_PER_ORG; r++) {
                Object document = random.nextInt(4) == 0 ? RuleMemberQueryParityTest.flatRule(random)
                        : RuleMemberQueryParityTest.rule(random, raw, 1);
                Rule rule = PARSER.parse(document);
                Set<String> expected = new TreeSet<>();
                EVALUATOR.members(rule, snapshot.memberIds(), snapshot).forEach(id -> expected.add(id.value()));
                boolean readsEmail = rule.criteria().stream()
                        .anyMatch(c -> c.config().get("field") != null && c.config().get("field").equals("email"));
                Set<String> bySql = new TreeSet<>();
                Set<String> byIndex = new TreeSet<>();
                List<String> first = new ArrayList<>();
                Optional<Long> count = tx(() -> {
                    tenant.enter(org.id());
                    sql.members(org.id(), rule).forEach(id -> bySql.add(id.value()));
                    return index.select(org.id(), rule).map(selection -> {
                        selection.members().forEach(id -> byIndex.add(id.value()));
                        selection.first(3).forEach(id -> first.add(id.value()));
                        return selection.count();
                    });
                });
                assertThat(bySql).as("SQL members of %s", document).isEqualTo(expected);
                assertThat(count.isPresent()).as("the index answers %s", document).isEqualTo(!readsEmail);
                if (count.isPresent()) {
                    assertThat(byIndex).as("index members of %s", document).isEqualTo(expected);
                    assertThat(count.get()).as("index count of %s", document).isEqualTo(expected.size());
                    assertThat(first).as("index first members of %s", document)
                            .isEqualTo(expected.stream().limit(3).toList());
                    indexed++;
                    nonEmpty += expected.isEmpty() ? 0 : 1;
                }
                rules++;
            }
        }
        // Most rules go through the index, and most of those select somebody.
        assertThat(indexed).isGreaterThan(rules / 2);
        assertThat(nonEmpty).isGreaterThan(indexed / 4);
    }

    @Test
    void rules_reading_email_activity_or_other_groups_are_left_to_the_other_paths() {
        Organization org = newOrg();
        for (Object document : List.of(
                Map.of("criterion", "attribute", "field", "email", "operator", "ends_with", "value", "example.org"),
                Map.of("criterion", "last_active_within", "days", 7),
                Map.of("any", List.of(Map.of("criterion", "all_members"),
                        Map.of("criterion", "member_of", "groupId", "00000000-0000-0000-0000-000000000001"))))) {
            Rule rule = rules.parse(document);
            assertThat(tx(() -> index.select(org.id(), rule))).as("%s", document).isEmpty();
        }
        Rule everyone = PARSER.parse(Map.of("criterion", "all_members"));
        assertThat(tx(() -> index.select(org.id(), everyone).map(MemberIndex.Selection::count))).contains(0L);
    }
}
