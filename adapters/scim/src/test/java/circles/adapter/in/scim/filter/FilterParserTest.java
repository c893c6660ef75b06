package circles.adapter.in.scim.filter;

import circles.adapter.in.scim.ScimException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterParserTest {
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FilterEvaluator USERS = new FilterEvaluator("urn:ietf:params:scim:schemas:core:2.0:User");

    @Test
    void and_binds_tighter_than_or_and_not_tighter_than_both() {
        Filter filter = FilterParser.parse("a eq \"1\" or b eq \"2\" and not (c pr)");

        assertThat(filter).isInstanceOf(Filter.Or.class);
        Filter.Or or = (Filter.Or) filter;
        assertThat(or.left()).isEqualTo(new Filter.Comparison(new AttributePath(null, "a", null), Filter.Operator.EQ,
                JSON.getNodeFactory().textNode("1")));
        assertThat(or.right()).isInstanceOf(Filter.And.class);
        assertThat(((Filter.And) or.right()).right()).isInstanceOf(Filter.Not.class);
    }

    @Test
    void parentheses_group() {
        Filter filter = FilterParser.parse("(a eq 1 or b eq 2) and c eq 3");

        assertThat(filter).isInstanceOf(Filter.And.class);
        assertThat(((Filter.And) filter).left()).isInstanceOf(Filter.Or.class);
    }

    @Test
    void keywords_and_operators_ignore_case() {
        Filter filter = FilterParser.parse("userName EQ \"x\" AND Not (active Eq false)");

        assertThat(filter).isInstanceOf(Filter.And.class);
    }

    @Test
    void value_paths_and_extension_attributes_parse() {
        Filter filter = FilterParser.parse("emails[type eq \"work\" and value ew \".com\"] or not (active eq false)");
        assertThat(filter).isInstanceOf(Filter.Or.class);
        Filter.ValuePath valuePath = (Filter.ValuePath) ((Filter.Or) filter).left();
        assertThat(valuePath.path().name()).isEqualTo("emails");
        assertThat(valuePath.filter()).isInstanceOf(Filter.And.class);

        Filter.Comparison manager = (Filter.Comparison) FilterParser.parse(ENTERPRISE + ":manager.value eq \"m-1\"");
        assertThat(manager.path()).isEqualTo(new AttributePath(ENTERPRISE, "manager", "value"));
    }

    @Test
    void string_escapes_and_literals_are_json() {
        Filter.Comparison comparison = (Filter.Comparison) FilterParser.parse("displayName eq \"a \\\"b\\\" \\u00e9\"");
        assertThat(comparison.value().textValue()).isEqualTo("a \"b\" é");
        assertThat(((Filter.Comparison) FilterParser.parse("x ge 2.5")).value().decimalValue()).isEqualByComparingTo("2.5");
        assertThat(((Filter.Comparison) FilterParser.parse("x eq null")).value().isNull()).isTrue();
    }

    @Test
    void malformed_filters_are_invalid_filter_errors() {
        for (String bad : new String[] {"", "userName", "userName eq", "userName xx \"a\"", "(a eq 1", "a eq 1)",
                "a eq unquoted", "not a eq 1", "emails[type eq \"w\"", "emails[x[y eq 1]]", "a eq \"open",
                "a eq 1 and", "emails.value[type eq 1]"}) {
            assertThatThrownBy(() -> FilterParser.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ScimException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.scimType()).isEqualTo("invalidFilter");
                    });
        }
    }

    @Test
    void nesting_and_length_are_bounded() {
        String deep = "(".repeat(40) + "a eq 1" + ")".repeat(40);
        assertThatThrownBy(() -> FilterParser.parse(deep)).isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> FilterParser.parse("a eq \"" + "x".repeat(5000) + "\""))
                .isInstanceOf(ScimException.class);
    }

    @Test
    void evaluation_follows_rfc_7644_semantics() throws Exception {
        ObjectNode user = (ObjectNode) JSON.readTree("""
                {"id": "u-1", "userName": "Ana.Lima", "active": true, "title": "Engineer",
                 "emails": [{"value": "ana@example.com", "type": "work", "primary": true},
                            {"value": "ana@home.org", "type": "home"}],
                 "name": {"givenName": "Ana", "familyName": "Lima"},
                 "meta": {"lastModified": "2026-01-02T10:00:00Z"},
                 "%s": {"department": "eng", "manager": {"value": "M-1"}}}""".formatted(ENTERPRISE));

        assertThat(matches("userName eq \"ana.lima\"", user)).as("userName ignores case").isTrue();
        assertThat(matches("id eq \"U-1\"", user)).as("id is case-exact").isFalse();
        assertThat(matches("emails co \"home.org\"", user)).as("complex values compare by value").isTrue();
        assertThat(matches("emails.type eq \"home\"", user)).isTrue();
        assertThat(matches("emails[type eq \"work\" and value ew \".com\"] or not (active eq false)", user)).isTrue();
        assertThat(matches("emails[type eq \"home\" and value ew \".com\"]", user))
                .as("both conditions on the same value").isFalse();
        assertThat(matches("name.givenName sw \"an\" and name.familyName ew \"MA\"", user)).isTrue();
        assertThat(matches("title pr and nickName pr", user)).isFalse();
        assertThat(matches("nickName ne \"x\"", user)).as("ne is true for a missing value").isTrue();
        assertThat(matches("meta.lastModified gt \"2026-01-01T00:00:00Z\"", user)).isTrue();
        assertThat(matches("meta.lastModified lt \"2026-01-02T09:00:00+00:00\"", user)).isFalse();
        assertThat(matches(ENTERPRISE + ":department eq \"ENG\"", user)).isTrue();
        assertThat(matches(ENTERPRISE + ":manager.value eq \"m-1\"", user)).as("references are case-exact").isFalse();
        assertThat(matches("nickName eq null", user)).isTrue();
        assertThatThrownBy(() -> matches("active gt true", user)).isInstanceOf(ScimException.class);
    }

    @Test
    void patch_paths_parse_with_filters_and_sub_attributes() {
        PatchPath members = FilterParser.parsePath("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]");
        assertThat(members.attribute().name()).isEqualTo("members");
        assertThat(members.filtered()).isTrue();
        assertThat(members.subAttribute()).isNull();

        PatchPath workEmail = FilterParser.parsePath("emails[type eq \"work\"].value");
        assertThat(workEmail.subAttribute()).isEqualTo("value");
        assertThat(workEmail.targetSubAttribute()).isEqualTo("value");

        PatchPath given = FilterParser.parsePath("name.givenName");
        assertThat(given.filtered()).isFalse();
        assertThat(given.targetSubAttribute()).isEqualTo("givenName");

        PatchPath manager = FilterParser.parsePath(ENTERPRISE + ":manager");
        assertThat(manager.attribute().schema()).isEqualTo(ENTERPRISE);
        assertThat(manager.attribute().name()).isEqualTo("manager");

        for (String bad : new String[] {"members[", "members[value eq \"x\"]value", "a b", "emails[type eq 1].",
                "9lives"}) {
            assertThatThrownBy(() -> FilterParser.parsePath(bad)).as(bad)
                    .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
        }
    }

    private static boolean matches(String filter, ObjectNode resource) {
        return USERS.matches(FilterParser.parse(filter), resource);
    }
}
