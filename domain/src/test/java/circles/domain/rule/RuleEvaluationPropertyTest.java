package circles.domain.rule;

import circles.domain.actor.UserId;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.criterion.TestOrg;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberStatus;
import com.google.re2j.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random orgs (profiles with blank, missing, mixed-case and padded values, unknown master-data keys, custom
 * attributes, department and location trees, manager chains, other groups) and random rules in both forms: the
 * in-memory evaluator, its explain path and the parser must agree with a deliberately simple reference evaluator
 * that reads the rule document directly.
 */
class RuleEvaluationPropertyTest {
    private static final RuleParser PARSER = new RuleParser(CriterionRegistry.withBuiltIns());
    private static final RuleEvaluator EVALUATOR = new RuleEvaluator();

    private static final List<String> FIELDS = List.of("department", "location", "jobTitle", "managerId",
            "orgUnitPath", "employeeType", "costCenter", "email", "userType", "custom.team", "custom.shirt",
            "custom.none");
    private static final List<String> TREE_FIELDS = List.of("department", "location", "orgUnitPath");
    private static final List<String> TEXT_OPERATORS = List.of("equals", "not_equals", "contains", "not_contains",
            "starts_with", "ends_with", "regex", "in_list", "not_in_list", "is_empty", "is_not_empty");
    private static final List<String> TREE_OPERATORS = List.of("is", "is_not", "is_under", "is_not_under");
    private static final List<String> DEPARTMENTS = List.of("d0", "d1", "d2", "d3", "d4", "d5");
    private static final List<String> LOCATIONS = List.of("l0", "l1", "l2", "l3");
    private static final List<String> TEXTS = List.of("alpha", "Alpha", "  ALPHA beta ", "beta", "Beta Gamma",
            "gamma-1", "a", "x", "   ", "");
    private static final List<String> PATHS = List.of("/a", "/a/b", "/ab", "/A/b", "/a/b/c", " /a/B/ ", "/c");
    private static final List<String> REGEXES = List.of("^al", "a$", "b.t", "(?i)BETA", "^$", "[0-9]", "^/a(/|$)",
            "ph", "^D[0-9]$", "@example\\.org$");
    private static final List<String> USER_TYPES = List.of("staff", "guest", "contact");
    private static final List<GroupId> GROUPS = List.of(new GroupId(new UUID(0, 1)), new GroupId(new UUID(0, 2)));

    /** The generated org as raw strings, exactly as the generator chose them. */
    record RawOrg(Map<String, Map<String, String>> profiles, Map<String, MemberStatus> statuses,
                  Map<String, String> departmentParents, Map<String, String> locationParents,
                  Map<GroupId, Set<String>> groups) {
        OrgSnapshot snapshot() {
            TestOrg org = new TestOrg();
            profiles.forEach((id, profile) -> {
                List<String> pairs = new ArrayList<>();
                profile.forEach((field, value) -> {
                    pairs.add(field);
                    pairs.add(value);
                });
                org.member(id, statuses.get(id), pairs.toArray(String[]::new));
            });
            departmentParents.forEach((child, parent) -> org.tree(MasterDataKind.DEPARTMENT, child, parent));
            locationParents.forEach((child, parent) -> org.tree(MasterDataKind.LOCATION, child, parent));
            groups.forEach((group, ids) -> org.group(group, ids.toArray(String[]::new)));
            return org.snapshot();
        }
    }

    @Property(tries = 400, seed = "4711")
    void in_memory_evaluation_and_explain_agree_with_the_reference(@ForAll Random random) {
        RawOrg raw = org(random);
        OrgSnapshot snapshot = raw.snapshot();
        for (int round = 0; round < 5; round++) {
            Object document = random.nextInt(4) == 0 ? flatRule(random, raw) : rule(random, raw, 1);
            Rule rule = PARSER.parse(document);

            Set<String> expected = new TreeSet<>();
            for (String id : raw.profiles().keySet()) {
                if (raw.statuses().get(id) == MemberStatus.ACTIVE && new Reference(raw).holds(document, id)) {
                    expected.add(id);
                }
            }
            Set<String> actual = new TreeSet<>();
            EVALUATOR.members(rule, snapshot.memberIds(), snapshot).forEach(id -> actual.add(id.value()));
            assertThat(actual).as("members of %s", document).isEqualTo(expected);

            for (String id : raw.profiles().keySet()) {
                assertThat(EVALUATOR.explain(rule, UserId.of(id), snapshot).member()).as("explain %s for %s", document, id)
                        .isEqualTo(expected.contains(id));
            }
            assertThat(PARSER.parse(RuleWriter.canonical(rule))).isEqualTo(rule);
        }
    }

    // ---- generators ----

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static RawOrg org(Random random) {
        Map<String, String> departmentParents = tree(random, DEPARTMENTS);
        Map<String, String> locationParents = tree(random, LOCATIONS);
        int size = 1 + random.nextInt(20);
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        Map<String, MemberStatus> statuses = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String id = "u" + i;
            Map<String, String> profile = new LinkedHashMap<>();
            maybe(random, profile, "department", keyish(random, DEPARTMENTS));
            maybe(random, profile, "location", keyish(random, LOCATIONS));
            maybe(random, profile, "jobTitle", pick(random, TEXTS));
            if (i > 0 && random.nextInt(4) != 0) {
                profile.put("managerId", "u" + random.nextInt(i));
            }
            maybe(random, profile, "orgUnitPath", pick(random, PATHS));
            maybe(random, profile, "employeeType", pick(random, TEXTS));
            maybe(random, profile, "costCenter", pick(random, List.of("CC1", "cc1", "cc-2", " cc3 ")));
            maybe(random, profile, "email", (random.nextBoolean() ? "U" : "u") + i + "@Example.org");
            maybe(random, profile, "userType", pick(random, USER_TYPES));
            maybe(random, profile, "custom.team", pick(random, TEXTS));
            maybe(random, profile, "custom.shirt", pick(random, List.of("L", " l ", "XL", "")));
            profiles.put(id, profile);
            int status = random.nextInt(8);
            statuses.put(id, status == 0 ? MemberStatus.SUSPENDED : status == 1 ? MemberStatus.DEACTIVATED
                    : MemberStatus.ACTIVE);
        }
        Map<GroupId, Set<String>> groups = new HashMap<>();
        for (GroupId group : GROUPS) {
            Set<String> ids = new HashSet<>();
            profiles.keySet().forEach(id -> {
                if (random.nextInt(3) == 0) {
                    ids.add(id);
                }
            });
            groups.put(group, ids);
        }
        return new RawOrg(profiles, statuses, departmentParents, locationParents, groups);
    }

    private static void maybe(Random random, Map<String, String> profile, String field, String value) {
        if (random.nextInt(5) != 0) {
            profile.put(field, value);
        }
    }

    /** Each key gets a parent among the keys before it, or none (a root); the keys themselves are lower case. */
    private static Map<String, String> tree(Random random, List<String> keys) {
        Map<String, String> parents = new HashMap<>();
        for (int i = 1; i < keys.size(); i++) {
            if (random.nextInt(4) != 0) {
                parents.put(keys.get(i), keys.get(random.nextInt(i)));
            }
        }
        return parents;
    }

    /** A known key, a known key in another case or padded, or a key nobody knows. */
    private static String keyish(Random random, List<String> keys) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(random, keys).toUpperCase(Locale.ROOT);
            case 1 -> " " + pick(random, keys) + " ";
            case 2 -> "ghost";
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

    static Object flatRule(Random random, RawOrg org) {
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
            case 1 -> Map.of("criterion", "member_of", "groupId", pick(random, GROUPS).toString());
            case 2, 3 -> Map.of("criterion", "reports_to", "managerId", managerReference(random, org),
                    "includeNested", random.nextBoolean());
            default -> attributeLeaf(random);
        };
    }

    private static String managerReference(Random random, RawOrg org) {
        List<String> ids = new ArrayList<>(org.profiles().keySet());
        return switch (random.nextInt(4)) {
            case 0 -> "nobody";
            case 1 -> " " + pick(random, ids).toUpperCase(Locale.ROOT) + "@EXAMPLE.org ";
            default -> pick(random, ids);
        };
    }

    private static Map<String, Object> attributeLeaf(Random random) {
        String field = pick(random, FIELDS);
        boolean tree = TREE_FIELDS.contains(field);
        String operator = tree && random.nextInt(3) == 0 ? pick(random, TREE_OPERATORS) : pick(random, TEXT_OPERATORS);
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
                leaf.put("value", random.nextBoolean() ? values : String.join(",", values));
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

    // ---- the reference: reads the rule document directly, one member at a time, no shared code ----

    record Reference(RawOrg org) {
        boolean holds(Object node, String id) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) node;
            if (map.containsKey("rules")) {
                boolean or = map.get("logic").toString().equalsIgnoreCase("or");
                List<?> rules = (List<?>) map.get("rules");
                return or ? rules.stream().anyMatch(r -> holds(flatLeaf(r), id))
                        : rules.stream().allMatch(r -> holds(flatLeaf(r), id));
            }
            if (map.containsKey("all")) {
                return ((List<?>) map.get("all")).stream().allMatch(r -> holds(r, id));
            }
            if (map.containsKey("any")) {
                return ((List<?>) map.get("any")).stream().anyMatch(r -> holds(r, id));
            }
            if (map.containsKey("not")) {
                return !holds(map.get("not"), id);
            }
            return switch ((String) map.get("criterion")) {
                case "all_members" -> true;
                case "member_of" -> org.groups().get(GROUPS.stream()
                        .filter(g -> g.toString().equals(map.get("groupId"))).findFirst().orElseThrow()).contains(id);
                case "reports_to" -> reportsTo(id, (String) map.get("managerId"), (Boolean) map.get("includeNested"));
                default -> attribute(id, map);
            };
        }

        private Map<String, Object> flatLeaf(Object rule) {
            @SuppressWarnings("unchecked")
            Map<String, Object> leaf = new HashMap<>((Map<String, Object>) rule);
            leaf.put("criterion", "attribute");
            String field = (String) leaf.get("field");
            if (field.equals("custom_field")) {
                leaf.put("field", "custom." + leaf.get("customKey"));
            } else {
                leaf.put("field", Map.of("job_title", "jobTitle", "org_unit_path", "orgUnitPath",
                        "employee_type", "employeeType", "cost_center", "costCenter", "user_type", "userType")
                        .getOrDefault(field, field));
            }
            return leaf;
        }

        private boolean reportsTo(String id, String reference, boolean nested) {
            String target = null;
            if (org.profiles().containsKey(reference.strip())) {
                target = reference.strip();
            } else {
                for (String candidate : new TreeSet<>(org.profiles().keySet())) {
                    String email = org.profiles().get(candidate).get("email");
                    if (email != null && email.equalsIgnoreCase(reference.strip())) {
                        target = candidate;
                        break;
                    }
                }
            }
            String manager = org.profiles().get(id).get("managerId");
            while (manager != null && target != null) {
                if (manager.equals(target)) {
                    return true;
                }
                if (!nested) {
                    return false;
                }
                manager = org.profiles().get(manager).get("managerId");
            }
            return false;
        }

        private boolean attribute(String id, Map<String, Object> leaf) {
            String field = (String) leaf.get("field");
            String operator = (String) leaf.get("operator");
            boolean cs = Boolean.TRUE.equals(leaf.get("caseSensitive"));
            String raw = org.profiles().get(id).get(field);
            String seen = raw == null || raw.isBlank() ? null : raw.strip();
            if (operator.equals("is_empty")) {
                return seen == null;
            }
            if (operator.equals("is_not_empty")) {
                return seen != null;
            }
            boolean negated = operator.startsWith("not_") || operator.startsWith("is_not");
            if (seen == null) {
                return negated;
            }
            String positive = switch (operator) {
                case "not_equals" -> "equals";
                case "not_contains" -> "contains";
                case "not_in_list" -> "in_list";
                case "is_not" -> "is";
                case "is_not_under" -> "is_under";
                default -> operator;
            };
            Object value = leaf.get("value");
            String s = cs ? seen : seen.toLowerCase(Locale.ROOT);
            String v = value instanceof String text ? (cs ? text.strip() : text.strip().toLowerCase(Locale.ROOT)) : null;
            boolean result = switch (positive) {
                case "equals" -> s.equals(v);
                case "contains" -> s.contains(v);
                case "starts_with" -> s.startsWith(v);
                case "ends_with" -> s.endsWith(v);
                case "regex" -> Pattern.compile(((String) value).strip(), cs ? 0 : Pattern.CASE_INSENSITIVE)
                        .matcher(seen).find();
                case "in_list" -> (value instanceof List<?> list ? list.stream().map(Object::toString)
                        : Arrays.stream(((String) value).split(",")))
                        .map(String::strip).filter(e -> !e.isEmpty())
                        .anyMatch(e -> (cs ? e : e.toLowerCase(Locale.ROOT)).equals(s));
                case "is" -> field.equals("orgUnitPath") ? segments(s).equals(segments(v)) : s.equals(v);
                case "is_under" -> under(field, s, v, cs);
                default -> throw new IllegalStateException(operator);
            };
            return negated != result;
        }

        private boolean under(String field, String seen, String value, boolean cs) {
            if (field.equals("orgUnitPath")) {
                List<String> path = segments(seen);
                List<String> top = segments(value);
                return path.size() >= top.size() && path.subList(0, top.size()).equals(top);
            }
            Map<String, String> parents = field.equals("department") ? org.departmentParents() : org.locationParents();
            String key = seen;
            while (key != null) {
                if ((cs ? key : key.toLowerCase(Locale.ROOT)).equals(value)) {
                    return true;
                }
                key = parents.get(key);
            }
            return false;
        }

        private List<String> segments(String path) {
            return Arrays.stream(path.split("/")).map(String::strip).filter(e -> !e.isEmpty()).toList();
        }
    }
}
