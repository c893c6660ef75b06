package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.shared.TenantScope;
import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;
import circles.domain.rule.RuleParser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The set-based path must select exactly the members the in-memory evaluator selects. Random orgs are written to
 * the database as raw rows (padded, blank, mixed-case and non-ASCII values, unknown master-data keys, custom
 * attributes, department and location trees, manager chains, suspended and deactivated members) and random rules
 * in the style of the domain's property test are evaluated both ways. The seed is fixed, so a failure repeats.
 */
@QuarkusTest
class RuleMemberQueryParityTest extends PersistenceTest {
    private static final RuleParser PARSER = new RuleParser(CriterionRegistry.withBuiltIns());
    private static final RuleEvaluator EVALUATOR = new RuleEvaluator();
    private static final int ORGS = 30;
    private static final int RULES_PER_ORG = 12;

    private static final List<String> FIELDS = List.of("department", "location", "jobTitle", "managerId",
            "orgUnitPath", "employeeType", "costCenter", "email", "userType", "custom.team", "custom.shirt",
            "custom.none");
    private static final List<String> TREE_FIELDS = List.of("department", "location", "orgUnitPath");
    private static final List<String> TEXT_OPERATORS = List.of("equals", "not_equals", "contains", "not_contains",
            "starts_with", "ends_with", "regex", "in_list", "not_in_list", "is_empty", "is_not_empty");
    private static final List<String> TREE_OPERATORS = List.of("is", "is_not", "is_under", "is_not_under");
    private static final List<String> DEPARTMENTS = List.of("d0", "d1", "d2", "d3", "d4", "d5");
    private static final List<String> LOCATIONS = List.of("l0", "l1", "l2", "l3");
    /** Java and PostgreSQL trim and fold these differently: the non-ASCII ones must still agree. */
    private static final List<String> TEXTS = List.of("alpha", "Alpha", "  ALPHA beta ", "beta", "Beta Gamma",
            "gamma-1", "a", "x", "   ", "", "\tbeta\n", "ÄLPHA", "älpha", "Straße", "STRASSE", "\u0130stanbul",
            "istanbul", "\u212Aelvin", "kelvin", "ΟΔΟΣ", "οδος", "\u3000alpha\u3000", "\u00A0beta", "\u2003",
            "\u00E9t\u00E9", "E\u0301T\u0301");
    private static final List<String> PATHS = List.of("/a", "/a/b", "/ab", "/A/b", "/a/b/c", " /a/B/ ", "/c",
            "/\u00C4/b", "/\u00E4", "/a/\u3000b\u3000/", "/a//b");
    private static final List<String> REGEXES = List.of("^al", "a$", "b.t", "(?i)BETA", "^$", "[0-9]", "^/a(/|$)",
            "ph", "^D[0-9]$", "@example\\.org$", "ä", "^\\p{Lu}");
    private static final List<String> USER_TYPES = List.of("staff", "guest", "contact");

    @Inject
    RuleMemberQuery query;
    @Inject
    EntityManager em;

    /** One generated org: the raw profile values as written, statuses and the two trees. */
    record RawOrg(String prefix, Map<String, Map<String, String>> profiles, Map<String, MemberStatus> statuses,
                  Map<String, String> departmentParents, Map<String, String> locationParents) {
    }

    @Test
    void the_set_based_path_selects_exactly_the_members_the_in_memory_evaluator_selects() {
        Random random = new Random(4711);
        int rules = 0;
        int nonEmpty = 0;
        for (int o = 0; o < ORGS; o++) {
            Organization org = newOrg();
            RawOrg raw = org(random, unique("p") + "-");
            write(em, tenant, org, raw);
            OrgSnapshot snapshot = snapshot(raw);
            for (int r = 0; r < RULES_PER_ORG; r++) {
                Object document = random.nextInt(4) == 0 ? flatRule(random) : rule(random, raw, 1);
                Rule rule = PARSER.parse(document);
                Set<String> expected = new TreeSet<>();
                EVALUATOR.members(rule, snapshot.memberIds(), snapshot).forEach(id -> expected.add(id.value()));
                Set<String> actual = new TreeSet<>();
                List<String> first = new ArrayList<>();
                long count = tx(() -> {
                    tenant.enter(org.id());
                    query.members(org.id(), rule).forEach(id -> actual.add(id.value()));
                    query.firstMembers(org.id(), rule, Instant.now(), 3).forEach(id -> first.add(id.value()));
                    return query.count(org.id(), rule);
                });
                assertThat(actual).as("members of %s", document).isEqualTo(expected);
                assertThat(count).as("count of %s", document).isEqualTo(expected.size());
                assertThat(first).as("first members of %s", document)
                        .isEqualTo(expected.stream().limit(3).toList());
                rules++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        // The generator must exercise both answers, not only empty sets.
        assertThat(nonEmpty).isGreaterThan(rules / 4);
    }

    @Test
    void rules_with_member_of_stay_on_the_in_memory_path() {
        Rule rule = PARSER.parse(Map.of("any", List.of(Map.of("criterion", "all_members"),
                Map.of("criterion", "member_of", "groupId", "00000000-0000-0000-0000-000000000001"))));
        Organization org = newOrg();
        assertThat(query.supports(rule)).isFalse();
        assertThat(query.supports(PARSER.parse(Map.of("criterion", "all_members")))).isTrue();
        assertThatThrownBy(() -> tx(() -> query.count(org.id(), rule))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- writing the org (shared with the member index's parity test) ----

    static void write(EntityManager em, TenantScope tenant, Organization org, RawOrg raw) {
        inTx(() -> {
            tenant.enter(org.id());
            JdbcWork.call(em, connection -> {
                for (MasterDataKind kind : List.of(MasterDataKind.DEPARTMENT, MasterDataKind.LOCATION)) {
                    List<String> keys = kind == MasterDataKind.DEPARTMENT ? DEPARTMENTS : LOCATIONS;
                    Map<String, String> parents = kind == MasterDataKind.DEPARTMENT ? raw.departmentParents()
                            : raw.locationParents();
                    for (String key : keys) {
                        StringBuilder path = new StringBuilder("/" + key);
                        for (String p = parents.get(key); p != null; p = parents.get(p)) {
                            path.insert(0, "/" + p);
                        }
                        JdbcWork.update(connection, "insert into master_data (org_id, kind, key, name, parent_key,"
                                        + " path, created_at, updated_at) values (?, ?, ?, ?, ?, ?, now(), now())",
                                org.id().value(), kind.name().toLowerCase(Locale.ROOT), key,
                                key.toUpperCase(Locale.ROOT),
                                parents.get(key), path.toString());
                    }
                }
                for (Map.Entry<String, Map<String, String>> entry : raw.profiles().entrySet()) {
                    String id = entry.getKey();
                    Map<String, String> p = entry.getValue();
                    List<String> custom = new ArrayList<>();
                    p.forEach((field, value) -> {
                        if (field.startsWith("custom.")) {
                            custom.add(field.substring(7));
                            custom.add(value);
                        }
                    });
                    JdbcWork.update(connection, "insert into users (id) values (?)", id);
                    JdbcWork.update(connection, "insert into org_members (org_id, user_id, role, status, email,"
                                    + " department, location, job_title, manager_id, org_unit_path, employee_type,"
                                    + " cost_center, user_type, custom_attributes, joined_at, updated_at)"
                                    + " values (?, ?, 'member', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, jsonb_object(?),"
                                    + " now(), now())",
                            org.id().value(), id, raw.statuses().get(id).name().toLowerCase(Locale.ROOT),
                            p.get("email"), p.get("department"), p.get("location"), p.get("jobTitle"),
                            p.get("managerId"), p.get("orgUnitPath"), p.get("employeeType"), p.get("costCenter"),
                            p.get("userType"), connection.createArrayOf("text", custom.toArray()));
                }
                return null;
            });
        });
    }

    /** The org as the in-memory path sees it: profiles as the domain reads them, parents per tree. */
    static OrgSnapshot snapshot(RawOrg raw) {
        List<Candidate> candidates = new ArrayList<>();
        raw.profiles().forEach((id, p) -> {
            Map<String, String> custom = new HashMap<>();
            p.forEach((field, value) -> {
                if (field.startsWith("custom.")) {
                    custom.put(field.substring(7), value);
                }
            });
            MemberProfile profile = new MemberProfile(p.get("email"), null, p.get("department"), p.get("location"),
                    p.get("jobTitle"), p.get("managerId") == null ? null : new UserId(p.get("managerId")),
                    p.get("orgUnitPath"), p.get("employeeType"), p.get("costCenter"), p.get("userType"), custom,
                    null);
            candidates.add(new Candidate(new UserId(id), raw.statuses().get(id), profile));
        });
        Map<MasterDataKind, Map<String, String>> parents = new EnumMap<>(MasterDataKind.class);
        parents.put(MasterDataKind.DEPARTMENT, raw.departmentParents());
        parents.put(MasterDataKind.LOCATION, raw.locationParents());
        return new OrgSnapshot(new OrgId(UUID.randomUUID()), Instant.now(), candidates, parents, Map.of());
    }

    // ---- generators (after the domain's RuleEvaluationPropertyTest, without member_of) ----

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static RawOrg org(Random random, String prefix) {
        Map<String, String> departmentParents = tree(random, DEPARTMENTS);
        Map<String, String> locationParents = tree(random, LOCATIONS);
        int size = 30 + random.nextInt(51);
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        Map<String, MemberStatus> statuses = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String id = prefix + "u" + i;
            Map<String, String> profile = new LinkedHashMap<>();
            maybe(random, profile, "department", keyish(random, DEPARTMENTS));
            maybe(random, profile, "location", keyish(random, LOCATIONS));
            maybe(random, profile, "jobTitle", pick(random, TEXTS));
            if (i > 0 && random.nextInt(6) != 0) {
                // Mostly recent managers, so that chains grow deep.
                profile.put("managerId", prefix + "u" + Math.max(0, i - 1 - random.nextInt(Math.min(i, 4))));
            }
            maybe(random, profile, "orgUnitPath", pick(random, PATHS));
            maybe(random, profile, "employeeType", pick(random, TEXTS));
            maybe(random, profile, "costCenter", pick(random, List.of("CC1", "cc1", "cc-2", " cc3 ", "Ćc4")));
            maybe(random, profile, "email", (random.nextBoolean() ? "U" : "u") + i + "@Example.org");
            maybe(random, profile, "userType", pick(random, USER_TYPES));
            maybe(random, profile, "custom.team", pick(random, TEXTS));
            maybe(random, profile, "custom.shirt", pick(random, List.of("L", " l ", "XL", "", "\u2003")));
            profiles.put(id, profile);
            int status = random.nextInt(8);
            statuses.put(id, status == 0 ? MemberStatus.SUSPENDED : status == 1 ? MemberStatus.DEACTIVATED
                    : MemberStatus.ACTIVE);
        }
        return new RawOrg(prefix, profiles, statuses, departmentParents, locationParents);
    }

    private static void maybe(Random random, Map<String, String> profile, String field, String value) {
        if (random.nextInt(5) != 0) {
            profile.put(field, value);
        }
    }

    private static Map<String, String> tree(Random random, List<String> keys) {
        Map<String, String> parents = new HashMap<>();
        for (int i = 1; i < keys.size(); i++) {
            if (random.nextInt(4) != 0) {
                parents.put(keys.get(i), keys.get(random.nextInt(i)));
            }
        }
        return parents;
    }

    /** A known key, in another case, padded (also with non-ASCII space), or a key nobody knows. */
    private static String keyish(Random random, List<String> keys) {
        return switch (random.nextInt(8)) {
            case 0 -> pick(random, keys).toUpperCase(Locale.ROOT);
            case 1 -> " " + pick(random, keys) + " ";
            case 2 -> "ghost";
            case 3 -> "\u3000" + pick(random, keys).toUpperCase(Locale.ROOT);
            default -> pick(random, keys);
        };
    }

    static Object rule(Random random, RawOrg org, int depth) {
        int shape = depth >= 4 ? 3 : random.nextInt(6);
        return switch (shape) {
            case 0, 1 -> Map.of(shape == 0 ? "all" : "any", parts(random, org, depth));
            case 2 -> Map.of("not", rule(random, org, depth + 1));
            default -> leaf(random, org);
        };
    }

    private static List<Object> parts(Random random, RawOrg org, int depth) {
        List<Object> parts = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            parts.add(rule(random, org, depth + 1));
        }
        return parts;
    }

    static Object flatRule(Random random) {
        List<Object> rules = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            Map<String, Object> leaf = new LinkedHashMap<>(attributeLeaf(random));
            leaf.remove("criterion");
            String field = (String) leaf.get("field");
            if (field.startsWith("custom.")) {
                leaf.put("field", "custom_field");
                leaf.put("customKey", field.substring(7));
            } else {
                leaf.put("field", switch (field) {
                    case "jobTitle" -> "job_title";
                    case "orgUnitPath" -> "org_unit_path";
                    case "employeeType" -> "employee_type";
                    case "costCenter" -> "cost_center";
                    case "userType" -> "user_type";
                    default -> field;
                });
            }
            rules.add(leaf);
        }
        return Map.of("logic", random.nextBoolean() ? "AND" : "or", "rules", rules);
    }

    private static Map<String, Object> leaf(Random random, RawOrg org) {
        return switch (random.nextInt(10)) {
            case 0 -> Map.of("criterion", "all_members");
            case 1, 2, 3 -> Map.of("criterion", "reports_to", "managerId", managerReference(random, org),
                    "includeNested", random.nextBoolean());
            default -> attributeLeaf(random);
        };
    }

    private static String managerReference(Random random, RawOrg org) {
        List<String> ids = new ArrayList<>(org.profiles().keySet());
        return switch (random.nextInt(6)) {
            case 0 -> "nobody";
            case 1 -> " " + pick(random, ids).substring(org.prefix().length()).toUpperCase(Locale.ROOT)
                    + "@EXAMPLE.org ";
            case 2 -> "\u3000" + pick(random, ids).substring(org.prefix().length()) + "@example.ORG\u2003";
            case 3 -> " " + pick(random, ids) + " ";
            default -> pick(random, ids.subList(0, Math.min(ids.size(), 10)));
        };
    }

    private static Map<String, Object> attributeLeaf(Random random) {
        String field = pick(random, FIELDS);
        boolean tree = TREE_FIELDS.contains(field);
        String operator = tree && random.nextInt(2) == 0 ? pick(random, TREE_OPERATORS)
                : pick(random, TEXT_OPERATORS);
        Map<String, Object> leaf = new LinkedHashMap<>();
        leaf.put("criterion", "attribute");
        leaf.put("field", field);
        leaf.put("operator", operator);
        switch (operator) {
            case "is_empty", "is_not_empty" -> { }
            case "regex" -> leaf.put("value", pick(random, REGEXES));
            case "in_list", "not_in_list" -> {
                List<String> values = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    values.add(value(random, field));
                }
                leaf.put("value", values);
            }
            default -> leaf.put("value", value(random, field));
        }
        if (random.nextInt(3) == 0) {
            leaf.put("caseSensitive", random.nextBoolean());
        }
        return leaf;
    }

    private static String value(Random random, String field) {
        String value = switch (field) {
            case "department" -> keyish(random, DEPARTMENTS);
            case "location" -> keyish(random, LOCATIONS);
            case "orgUnitPath" -> pick(random, PATHS);
            case "managerId" -> "U" + random.nextInt(5);
            case "userType" -> pick(random, USER_TYPES);
            case "email" -> pick(random, List.of("example.org", "U1@", "@Example.ORG"));
            default -> pick(random, TEXTS);
        };
        return value.isBlank() ? "x" : value;
    }
}
