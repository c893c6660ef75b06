package circles.adapter.out.persistence.dynamic;

import circles.adapter.out.persistence.activity.ActivityWindowSql;
import circles.adapter.out.persistence.member.AttributeCriteriaContext;
import circles.adapter.out.persistence.member.MemberReferences;
import circles.adapter.out.persistence.sql.JdbcWork;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.criterion.AllMembersCriterion;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.activity.ActivityScore;
import circles.domain.criterion.activity.ActivityScoreCriterion;
import circles.domain.criterion.activity.InactiveForCriterion;
import circles.domain.criterion.activity.LastActiveWithinCriterion;
import circles.domain.criterion.attribute.AttributeCriterion;
import circles.domain.criterion.attribute.AttributeCriterion.Expected.Choices;
import circles.domain.criterion.attribute.AttributeCriterion.Expected.Text;
import circles.domain.criterion.attribute.AttributeField;
import circles.domain.criterion.attribute.AttributeOperator;
import circles.domain.criterion.reporting.ReportsToCriterion;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rules translated to one SQL statement over {@code org_members}: {@code all}/{@code any}/{@code not} become
 * {@code and}/{@code or}/{@code not}, each criterion a boolean expression with bound parameters only.
 * <p>
 * Parity with the in-memory evaluator decides the shape. PostgreSQL trims and folds case differently from Java on
 * non-ASCII text ({@code btrim} strips spaces only, {@code lower} depends on the collation), so the statement trims
 * the ASCII whitespace {@link String#strip()} strips and folds with {@code lower(... collate "C")}, both exact on
 * ASCII values, and leaves values with any non-ASCII character to the criterion itself: those few rows are read
 * first, judged in Java, and the ids that match are bound as an array. Expected values are folded in Java with
 * {@code toLowerCase(Locale.ROOT)}. Regular expressions are RE2 in the domain and not PostgreSQL's, so a
 * {@code regex} criterion is judged in Java over (id, value) pairs and enters the statement as an id array too;
 * PostgreSQL never compiles a rule's pattern, and the domain criterion that does holds it to its size bound.
 * {@code reports_to} resolves its manager in Java as the domain does, then follows {@code manager_id} with a
 * recursive query (at most {@link EvaluationContext#MAX_CHAIN} levels). {@code member_of} is not supported: such
 * rules stay on the in-memory path.
 * <p>
 * Activity criteria join the activity tables at the moment {@code now}: recency compares {@code member_activity}
 * and {@code lastLoginAt} with {@code now − days}; a score reads the window once into a temporary table of each
 * member's sums (so a statement that uses it must run inside a transaction), reads the org's maxima from it and
 * compares each member's sums with {@link ActivityScore.Comparison}'s whole-number weights and bound: the very
 * comparison the in-memory criterion makes. In the rule's top-level conjunction (the default score groups) the sums
 * are joined with the members; under {@code not} or {@code or} they are probed by key once per member.
 */
@ApplicationScoped
public class RuleMemberQueryAdapter implements RuleMemberQuery {
    /** The ASCII characters {@link Character#isWhitespace(int)} holds for, which is what {@code strip()} strips. */
    static final String ASCII_WHITESPACE = MemberReferences.ASCII_WHITESPACE;

    private final EntityManager em;
    private final TenantScopeAdapter scope;
    private final Clock clock;

    @Inject
    RuleMemberQueryAdapter(EntityManager em, TenantScopeAdapter scope, Clock clock) {
        this.em = em;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public boolean supports(Rule rule) {
        return rule.criteria().stream().allMatch(c -> c instanceof AttributeCriterion
                || c instanceof ReportsToCriterion || c instanceof AllMembersCriterion
                || c instanceof LastActiveWithinCriterion || c instanceof InactiveForCriterion
                || c instanceof ActivityScoreCriterion);
    }

    @Override
    public Set<UserId> members(OrgId orgId, Rule rule) {
        return members(orgId, rule, clock.instant());
    }

    @Override
    public long count(OrgId orgId, Rule rule) {
        return count(orgId, rule, clock.instant());
    }

    @Override
    public Set<UserId> members(OrgId orgId, Rule rule, Instant now) {
        require(rule);
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            Sql sql = new Sql().s("select m.user_id from org_members m where m.org_id = ").p(orgId.value())
                    .s(" and m.status = 'active' and ");
            new Statement(connection, orgId, now, sql).translate(rule);
            Set<UserId> members = new LinkedHashSet<>();
            for (String id : JdbcWork.texts(connection, sql.text.toString(), sql.parameters.toArray())) {
                members.add(new UserId(id));
            }
            return members;
        });
    }

    @Override
    public long count(OrgId orgId, Rule rule, Instant now) {
        require(rule);
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            Sql sql = new Sql().s("select count(*) from org_members m where m.org_id = ").p(orgId.value())
                    .s(" and m.status = 'active' and ");
            new Statement(connection, orgId, now, sql).translate(rule);
            List<Object[]> rows = JdbcWork.rows(connection, sql.text.toString(), sql.parameters.toArray());
            return ((Number) rows.getFirst()[0]).longValue();
        });
    }

    /**
     * Ordered by {@code collate "C"}: code point order, which is {@link String#compareTo}'s order (the in-memory
     * path's) for every id without characters beyond the Basic Multilingual Plane, whatever the database's collation.
     */
    @Override
    public List<UserId> firstMembers(OrgId orgId, Rule rule, Instant now, int limit) {
        require(rule);
        scope.enter(orgId);
        return JdbcWork.call(em, connection -> {
            Sql sql = new Sql().s("select m.user_id from org_members m where m.org_id = ").p(orgId.value())
                    .s(" and m.status = 'active' and ");
            new Statement(connection, orgId, now, sql).translate(rule);
            sql.s(" order by m.user_id collate \"C\" limit ").p(limit);
            return JdbcWork.texts(connection, sql.text.toString(), sql.parameters.toArray()).stream()
                    .map(UserId::new).toList();
        });
    }

    /** A statement's text with its positional parameters in order. */
    public record Selection(String sql, List<Object> parameters) {
    }

    /**
     * The select of the org's active members that the rule selects at {@code now}, one column {@code user_id}, for
     * statements that use the answer where it is (the snapshot's diff), on the caller's connection and transaction.
     */
    public Selection selection(Connection connection, OrgId orgId, Rule rule, Instant now) throws SQLException {
        require(rule);
        Sql sql = new Sql().s("select m.user_id from org_members m where m.org_id = ").p(orgId.value())
                .s(" and m.status = 'active' and ");
        new Statement(connection, orgId, now, sql).translate(rule);
        return new Selection(sql.text.toString(), List.copyOf(sql.parameters));
    }

    private void require(Rule rule) {
        if (!supports(rule)) {
            throw new IllegalArgumentException("the rule reads criteria only the in-memory evaluator judges: "
                    + rule.criteria().stream().map(Criterion::type).distinct().toList());
        }
    }

    /** SQL text with its positional parameters, written in the same order. */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        Sql s(String part) {
            text.append(part);
            return this;
        }

        Sql p(Object value) {
            text.append('?');
            parameters.add(value);
            return this;
        }

        /** SQL text with its own positional parameters, in their order. */
        Sql raw(String part, List<Object> values) {
            text.append(part);
            parameters.addAll(values);
            return this;
        }

        Sql e(Consumer<Sql> expression) {
            expression.accept(this);
            return this;
        }
    }

    /** One translation: the where-clause written into {@code out}, with the Java-judged leaves it needed. */
    private static final class Statement {
        private final Connection connection;
        private final OrgId orgId;
        private final Instant now;
        private final Sql out;
        private final Map<MasterDataKind, Map<String, String>> parents = new HashMap<>();
        private int scoreTables;

        Statement(Connection connection, OrgId orgId, Instant now, Sql out) {
            this.connection = connection;
            this.orgId = orgId;
            this.now = now;
            this.out = out;
        }

        void translate(Rule rule) throws SQLException {
            switch (rule) {
                case Rule.All all -> join(all.rules(), " and ");
                case Rule.Any any -> join(any.rules(), " or ");
                case Rule.Not not -> {
                    out.s("(not ");
                    translate(not.rule());
                    out.s(")");
                }
                case Rule.Leaf leaf when leaf.criterion() instanceof ActivityScoreCriterion score -> score(score);
                case Rule.Leaf leaf -> {
                    out.s("coalesce(");
                    criterion(leaf.criterion());
                    out.s(", false)");
                }
            }
        }

        private void join(List<Rule> parts, String operator) throws SQLException {
            out.s("(");
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.s(operator);
                }
                translate(parts.get(i));
            }
            out.s(")");
        }

        private void criterion(Criterion criterion) throws SQLException {
            switch (criterion) {
                case AllMembersCriterion ignored -> out.s("true");
                case ReportsToCriterion reportsTo -> reportsTo(reportsTo);
                case AttributeCriterion attribute -> attribute(attribute);
                case LastActiveWithinCriterion recent -> activeAfter(now.minus(java.time.Duration.ofDays(recent.days())));
                case InactiveForCriterion inactive -> {
                    out.s("not ");
                    activeAfter(now.minus(java.time.Duration.ofDays(inactive.days())));
                }
                case ActivityScoreCriterion score -> score(score);
                default -> throw new IllegalArgumentException("no SQL for criterion " + criterion.type());
            }
        }

        // ---- activity ----

        /** Whether the member's latest login or event lies after {@code start}; never null. */
        private void activeAfter(Instant start) {
            out.s("(coalesce(m.last_login_at > ").p(start).s(", false) or exists (select 1 from member_activity a")
                    .s(" where a.org_id = ").p(orgId.value()).s(" and a.user_id = m.user_id and a.last_active_at > ")
                    .p(start).s("))");
        }

        /**
         * {@code Σ 100 × v_i × w_i >= k × t × L} ({@link ActivityScore.Comparison}), reading the window once: each
         * member's sums per component go into a temporary table of the transaction (one row per member, keyed and
         * analyzed, so that joins with it are planned on true sizes), the org's maxima over the active members are
         * read from it (one row), the comparison's whole-number weights and bound are made from them exactly as the
         * in-memory criterion makes them, and the members are joined with the sums that reach the bound (or, under
         * not/or, each member's sums are probed by key). A member without activity in the window has every sum 0
         * and reaches the bound only when the threshold is 0, decided here.
         */
        private void score(ActivityScoreCriterion criterion) throws SQLException {
            List<ActivityType> components = criterion.metric().components();
            if (criterion.threshold().signum() <= 0) {
                out.s("true");
                return;
            }
            int k = components.size();
            String sums = "activity_score_sums_" + scoreTables++;
            StringBuilder columns = new StringBuilder();
            StringBuilder select = new StringBuilder();
            for (int i = 0; i < k; i++) {
                columns.append(", c").append(i).append(" numeric not null");
                select.append(", coalesce(sum(w.quantity) filter (where w.type = '")
                        .append(components.get(i).wireName()).append("'), 0)");
            }
            JdbcWork.update(connection, "drop table if exists pg_temp." + sums);
            JdbcWork.update(connection, "create temporary table " + sums + " (user_id text not null" + columns
                    + ") on commit drop");
            List<Object> parameters = new ArrayList<>();
            String window = ActivityWindowSql.rows(orgId, criterion.windowStart(now), components, null, parameters);
            JdbcWork.update(connection, "insert into " + sums + " select w.user_id" + select + " from " + window
                    + " w group by w.user_id", parameters.toArray());
            JdbcWork.update(connection, "alter table " + sums + " add primary key (user_id)");
            JdbcWork.update(connection, "analyze " + sums);
            StringBuilder maxima = new StringBuilder("select ");
            for (int i = 0; i < k; i++) {
                maxima.append(i == 0 ? "" : ", ").append("coalesce(max(s.c").append(i).append("), 0)");
            }
            Object[] row = JdbcWork.rows(connection, maxima + " from " + sums + " s join org_members a"
                    + " on a.org_id = ? and a.user_id = s.user_id and a.status = 'active'", orgId.value()).getFirst();
            List<Long> maximum = new ArrayList<>();
            for (Object value : row) {
                maximum.add(((Number) value).longValue());
            }
            ActivityScore.Comparison comparison = ActivityScore.Comparison.of(maximum, criterion.threshold());
            if (comparison.weights().stream().allMatch(weight -> weight.signum() == 0)) {
                out.s("false");
                return;
            }
            // An exists, never null and so left bare by translate(): where the leaf stands in the top-level
            // conjunction PostgreSQL pulls it up into a semi-join with the members and joins the analyzed sums by
            // hash (one pass over each, as a hand-written join does) or probes their key, whichever its
            // statistics find cheaper; under not/or it stays a correlated probe of the key per member. Never an
            // uncorrelated subquery result held in memory: past work_mem that would be rescanned once per member.
            out.s("exists (select 1 from " + sums + " s where s.user_id = m.user_id and 100 * (");
            for (int i = 0; i < k; i++) {
                out.s(i == 0 ? "" : " + ").s("s.c" + i + " * ").p(new BigDecimal(comparison.weights().get(i)));
            }
            out.s(") >= ").p(comparison.bound()).s(")");
        }

        // ---- reports_to ----

        private void reportsTo(ReportsToCriterion criterion) throws SQLException {
            Optional<String> manager = MemberReferences.resolve(connection, orgId, criterion.managerId());
            if (manager.isEmpty()) {
                out.s("false");
            } else if (!criterion.includeNested()) {
                out.s("m.manager_id = ").p(manager.get());
            } else {
                out.s("m.user_id in (with recursive below (user_id, depth) as (")
                        .s("select r.user_id, 1 from org_members r where r.org_id = ").p(orgId.value())
                        .s(" and r.manager_id = ").p(manager.get())
                        .s(" union all select r.user_id, b.depth + 1 from below b join org_members r on r.org_id = ")
                        .p(orgId.value()).s(" and r.manager_id = b.user_id where r.user_id <> ").p(manager.get())
                        .s(" and b.depth < ").p(EvaluationContext.MAX_CHAIN).s(") select user_id from below)");
            }
        }

        // ---- attribute ----

        private void attribute(AttributeCriterion criterion) throws SQLException {
            Consumer<Sql> column = column(criterion.field());
            java.sql.Array judged = connection.createArrayOf("text", judgedInJava(criterion, column).toArray());
            AttributeOperator operator = criterion.operator();
            if (operator == AttributeOperator.REGEX) {
                out.s("m.user_id = any(").p(judged).s(")");
                return;
            }
            boolean onMissing = operator == AttributeOperator.IS_EMPTY || operator.isNegated();
            Consumer<Sql> trimmed = sql -> sql.s("nullif(btrim(").e(column).s(", ").p(ASCII_WHITESPACE).s("), '')");
            out.s("case when ").e(column).s(" is null then " + onMissing)
                    .s(" when octet_length(").e(column).s(") <> char_length(").e(column).s(") then m.user_id = any(")
                    .p(judged).s(") when ").e(trimmed).s(" is null then " + onMissing).s(" else ");
            if (operator == AttributeOperator.IS_EMPTY || operator == AttributeOperator.IS_NOT_EMPTY) {
                out.s(String.valueOf(operator == AttributeOperator.IS_NOT_EMPTY));
            } else {
                out.s(operator.isNegated() ? "not coalesce(" : "coalesce(");
                positive(criterion, operator.negationOf().orElse(operator), trimmed);
                out.s(", false)");
            }
            out.s(" end");
        }

        /** The column expression of a field; a custom attribute's key is a parameter. */
        private static Consumer<Sql> column(AttributeField field) {
            String column = switch (field.name()) {
                case "department" -> "m.department";
                case "location" -> "m.location";
                case "jobTitle" -> "m.job_title";
                case "managerId" -> "m.manager_id";
                case "orgUnitPath" -> "m.org_unit_path";
                case "employeeType" -> "m.employee_type";
                case "costCenter" -> "m.cost_center";
                case "email" -> "m.email";
                case "userType" -> "m.user_type";
                default -> null;
            };
            if (column != null) {
                return sql -> sql.s(column);
            }
            String key = field.name().substring(AttributeField.CUSTOM_PREFIX.length());
            return sql -> sql.s("(m.custom_attributes ->> cast(").p(key).s(" as text))");
        }

        /** The positive test on a present, ASCII, trimmed value. */
        private void positive(AttributeCriterion criterion, AttributeOperator positive, Consumer<Sql> trimmed)
                throws SQLException {
            boolean caseSensitive = criterion.caseSensitive();
            Consumer<Sql> folded = caseSensitive ? trimmed : sql -> sql.s("lower(").e(trimmed).s(" collate \"C\")");
            boolean orgUnitPath = criterion.field().name().equals("orgUnitPath");
            switch (positive) {
                case EQUALS -> out.e(folded).s(" = ").p(text(criterion));
                case CONTAINS -> out.s("strpos(").e(folded).s(", ").p(text(criterion)).s(") > 0");
                case STARTS_WITH -> out.s("starts_with(").e(folded).s(", ").p(text(criterion)).s(")");
                case ENDS_WITH -> out.s("right(").e(folded).s(", ").p(text(criterion).length())
                        .s(") = ").p(text(criterion));
                case IN_LIST -> out.e(folded).s(" = any(").p(connection.createArrayOf("text",
                        ((Choices) criterion.expected()).values().stream()
                                .map(choice -> fold(choice, caseSensitive)).toArray())).s(")");
                case IS -> {
                    if (orgUnitPath) {
                        out.e(segments(trimmed, caseSensitive)).s(" = ").p(segmentsOf(criterion));
                    } else {
                        out.e(folded).s(" = ").p(text(criterion));
                    }
                }
                case IS_UNDER -> {
                    if (orgUnitPath) {
                        int top = (int) Arrays.stream(((Text) criterion.expected()).value().split("/"))
                                .map(String::strip).filter(s -> !s.isEmpty()).count();
                        Consumer<Sql> segments = segments(trimmed, caseSensitive);
                        out.s("(cardinality(").e(segments).s(") >= ").p(top).s(" and (").e(segments)
                                .s(")[1:").p(top).s("] = ").p(segmentsOf(criterion)).s(")");
                    } else {
                        String kind = criterion.field().treeKind().orElseThrow().name().toLowerCase(Locale.ROOT);
                        String target = text(criterion);
                        out.s("(").e(folded).s(" = ").p(target).s(" or ").e(folded)
                                .s(" in (with recursive below (key) as (select d.key from master_data d")
                                .s(" where d.org_id = ").p(orgId.value()).s(" and d.kind = ").p(kind)
                                .s(" and d.parent_key = ").p(target)
                                .s(" union select d.key from below b join master_data d on d.org_id = ")
                                .p(orgId.value()).s(" and d.kind = ").p(kind)
                                .s(" and d.parent_key = b.key) select key from below))");
                    }
                }
                default -> throw new IllegalStateException(positive + " is not a positive operator");
            }
        }

        /** The folded, non-empty, stripped segments of a trimmed path, in order, as a text array. */
        private static Consumer<Sql> segments(Consumer<Sql> trimmed, boolean caseSensitive) {
            return sql -> sql.s("array(select ").s(caseSensitive ? "btrim(s, " : "lower(btrim(s, ")
                    .p(ASCII_WHITESPACE).s(caseSensitive ? ")" : ") collate \"C\")")
                    .s(" from unnest(string_to_array(").e(trimmed).s(", '/')) with ordinality as u(s, i)")
                    .s(" where btrim(s, ").p(ASCII_WHITESPACE).s(") <> '' order by i)");
        }

        private java.sql.Array segmentsOf(AttributeCriterion criterion) throws SQLException {
            return connection.createArrayOf("text", Arrays.stream(((Text) criterion.expected()).value().split("/"))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(s -> fold(s, criterion.caseSensitive()))
                    .toArray());
        }

        private static String text(AttributeCriterion criterion) {
            return fold(((Text) criterion.expected()).value(), criterion.caseSensitive());
        }

        private static String fold(String text, boolean caseSensitive) {
            return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
        }

        /**
         * The ids of active members whose value the criterion itself judges and finds matching: every present
         * value for {@code regex}, otherwise only the values with a non-ASCII character.
         */
        private Set<String> judgedInJava(AttributeCriterion criterion, Consumer<Sql> column) throws SQLException {
            Sql sql = new Sql().s("select m.user_id, ").e(column).s(" from org_members m where m.org_id = ")
                    .p(orgId.value()).s(" and m.status = 'active' and ").e(column).s(" is not null");
            if (criterion.operator() != AttributeOperator.REGEX) {
                sql.s(" and octet_length(").e(column).s(") <> char_length(").e(column).s(")");
            }
            Set<String> matched = new HashSet<>();
            for (Object[] row : JdbcWork.rows(connection, sql.text.toString(), sql.parameters.toArray())) {
                String id = (String) row[0];
                MemberProfile profile;
                try {
                    profile = profileWith(criterion.field(), (String) row[1]);
                } catch (RuleViolation invalid) {
                    continue;
                }
                if (criterion.matches(new Candidate(new UserId(id), MemberStatus.ACTIVE, profile), context())
                        .matched()) {
                    matched.add(id);
                }
            }
            return matched;
        }

        /** A profile with only {@code field} set, as the in-memory path would read it. */
        private static MemberProfile profileWith(AttributeField field, String v) {
            return switch (field.name()) {
                case "department" -> new MemberProfile(null, null, v, null, null, null, null, null, null, null, null,
                        null);
                case "location" -> new MemberProfile(null, null, null, v, null, null, null, null, null, null, null,
                        null);
                case "jobTitle" -> new MemberProfile(null, null, null, null, v, null, null, null, null, null, null,
                        null);
                case "managerId" -> new MemberProfile(null, null, null, null, null, UserId.of(v.strip()), null, null,
                        null, null, null, null);
                case "orgUnitPath" -> new MemberProfile(null, null, null, null, null, null, v, null, null, null, null,
                        null);
                case "employeeType" -> new MemberProfile(null, null, null, null, null, null, null, v, null, null, null,
                        null);
                case "costCenter" -> new MemberProfile(null, null, null, null, null, null, null, null, v, null, null,
                        null);
                case "email" -> new MemberProfile(v, null, null, null, null, null, null, null, null, null, null, null);
                case "userType" -> new MemberProfile(null, null, null, null, null, null, null, null, null, v, null,
                        null);
                default -> new MemberProfile(null, null, null, null, null, null, null, null, null, null,
                        Map.of(field.name().substring(AttributeField.CUSTOM_PREFIX.length()), v), null);
            };
        }

        /** What an attribute criterion may ask while judged in Java: the master-data trees of the org. */
        private EvaluationContext context() {
            return new AttributeCriteriaContext(orgId, this::tree);
        }

        private Map<String, String> tree(MasterDataKind kind) {
            return parents.computeIfAbsent(kind, k -> {
                Map<String, String> tree = new HashMap<>();
                try {
                    for (Object[] row : JdbcWork.rows(connection, "select key, parent_key from master_data"
                                    + " where org_id = ? and kind = ? and parent_key is not null",
                            orgId.value(), k.name().toLowerCase(Locale.ROOT))) {
                        tree.put((String) row[0], (String) row[1]);
                    }
                } catch (SQLException failure) {
                    throw new IllegalStateException(failure);
                }
                return tree;
            });
        }
    }
}
