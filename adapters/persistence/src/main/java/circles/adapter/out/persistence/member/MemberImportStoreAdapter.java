package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.JsonColumns;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.in.member.ImportMembersUseCase.Outcome;
import circles.application.port.out.member.MemberImportStore;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;
import static circles.adapter.out.persistence.sql.ColumnValues.lower;

/**
 * Member imports in PostgreSQL. The rows of an import are copied ({@code COPY}) into a temporary table that lives
 * until the transaction ends; classifying them and writing them are a handful of set-based statements, whatever
 * the number of rows. A profile field a row does not name keeps the stored value: a bit per field in
 * {@code present} says which fields the row names.
 */
@ApplicationScoped
public class MemberImportStoreAdapter implements MemberImportStore {
    private static final String TABLE = "member_import_rows";

    /** The profile columns a row may name, in the order of their bits in {@code present}. */
    private static final List<String> PROFILE_COLUMNS = List.of("email", "display_name", "department", "location",
            "job_title", "manager_id", "org_unit_path", "employee_type", "cost_center", "user_type");
    /** The names of {@link #PROFILE_COLUMNS} in the API and in public events, in the same order. */
    private static final List<String> WIRE_NAMES = List.of("email", "displayName", "department", "location",
            "jobTitle", "managerId", "orgUnitPath", "employeeType", "costCenter", "userType");

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    MemberImportStoreAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    /**
     * Runs a statement of an import that reads or writes the staged rows. The store executes it; a test runs it under
     * {@code explain analyze} instead, to see the plan PostgreSQL chose for it.
     */
    @FunctionalInterface
    interface StatementRunner {
        void run(SqlQuery statement);
    }

    @Override
    public Staging open(OrgId orgId) {
        return open(orgId, this::execute);
    }

    /** A staging area whose statements over the staged rows go through {@code statements}. */
    Staging open(OrgId orgId, StatementRunner statements) {
        scope.enter(orgId);
        execute(new SqlQuery("create temporary table " + TABLE + " ("
                + " idx integer primary key, user_id text not null, present integer not null,"
                + " email text, display_name text, department text, location text, job_title text, manager_id text,"
                + " org_unit_path text, employee_type text, cost_center text, user_type text,"
                + " custom_clear boolean not null, custom_set jsonb, custom_unset text[],"
                + " role text, status text, outcome text) on commit drop"));
        return new SqlStaging(orgId, statements);
    }

    @Override
    public Map<UserId, CurrentMember> current(OrgId orgId, Collection<UserId> userIds) {
        scope.enter(orgId);
        Map<UserId, CurrentMember> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new SqlQuery("select m.user_id, m.role, m.status, m.manager_id,"
                + " (select string_agg(k, ',') from jsonb_object_keys(m.custom_attributes) k)"
                + " from org_members m where m.org_id = :org and m.user_id in (:users)")
                .bind("org", orgId.value()).bind("users", OrgMemberRepositoryAdapter.values(userIds))
                .plain(em).getResultList();
        for (Object[] row : rows) {
            UserId userId = new UserId((String) row[0]);
            Set<String> keys = row[4] == null ? Set.of() : Set.of(((String) row[4]).split(","));
            found.put(userId, new CurrentMember(userId, enumOf(OrgRole.class, (String) row[1]),
                    enumOf(MemberStatus.class, (String) row[2]), row[3] == null ? null : new UserId((String) row[3]),
                    keys));
        }
        return found;
    }

    @Override
    public Map<String, List<UserId>> membersByEmail(OrgId orgId, Collection<String> emails) {
        scope.enter(orgId);
        Map<String, List<UserId>> found = new HashMap<>();
        if (emails.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new SqlQuery("select lower(m.email), m.user_id from org_members m"
                + " where m.org_id = :org and m.email is not null and lower(m.email) in (:emails) order by m.user_id")
                .bind("org", orgId.value())
                .bind("emails", emails.stream().map(email -> email.toLowerCase(Locale.ROOT)).distinct().toList())
                .plain(em).getResultList();
        for (Object[] row : rows) {
            found.computeIfAbsent((String) row[0], ignored -> new ArrayList<>()).add(new UserId((String) row[1]));
        }
        return found;
    }

    private void execute(SqlQuery sql) {
        try {
            sql.plain(em).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private final class SqlStaging implements Staging {
        private final OrgId orgId;
        private final StatementRunner statements;
        /** What {@link #classify} found; a statement for a kind of row there is none of is not run at all. */
        private Counts classified;

        SqlStaging(OrgId orgId, StatementRunner statements) {
            this.orgId = orgId;
            this.statements = statements;
        }

        @Override
        public void stage(List<StagedRow> rows) {
            if (rows.isEmpty()) {
                return;
            }
            StringBuilder csv = new StringBuilder(rows.size() * 160);
            for (StagedRow row : rows) {
                appendRow(csv, row);
            }
            String copy = "copy " + TABLE + " (idx, user_id, present, email, display_name, department, location,"
                    + " job_title, manager_id, org_unit_path, employee_type, cost_center, user_type, custom_clear,"
                    + " custom_set, custom_unset, role, status) from stdin with (format csv)";
            em.unwrap(Session.class).doWork(connection -> {
                try {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void discard(Collection<Integer> indices) {
            if (indices.isEmpty()) {
                return;
            }
            execute(new SqlQuery("delete from " + TABLE + " where idx = any(cast(:indices as integer[]))")
                    .bind("indices", indices.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"))));
        }

        @Override
        public Counts classify() {
            scope.enter(orgId);
            // Each staged row looks its member up by primary key. A correlated subquery is never turned into a join,
            // so no estimate of org_members can make PostgreSQL read the org's members once per staged row; right
            // after a bulk load it has none for the new rows, and takes a freshly filled org for nearly empty.
            String after = String.join(", ", afterValues());
            String before = PROFILE_COLUMNS.stream().map(column -> "m." + column).collect(Collectors.joining(", "))
                    + ", m.custom_attributes, m.role, m.status";
            statements.run(new SqlQuery("update " + TABLE + " s set outcome = coalesce((select case when row(" + after
                    + ") is distinct from row(" + before + ") then 'updated' else 'unchanged' end"
                    + " from org_members m where m.org_id = :org and m.user_id = s.user_id), 'created')")
                    .bind("org", orgId.value()));
            // The writes select rows by outcome and join them to their members by user_id: an index for the join,
            // and statistics (a temporary table is never analyzed by autovacuum) gathered now that outcomes are set.
            execute(new SqlQuery("create index on " + TABLE + " (user_id)"));
            execute(new SqlQuery("analyze " + TABLE));
            @SuppressWarnings("unchecked")
            List<Object[]> counts = new SqlQuery("select outcome, count(*) from " + TABLE + " group by outcome")
                    .plain(em).getResultList();
            Map<String, Integer> byOutcome = new HashMap<>();
            counts.forEach(row -> byOutcome.put((String) row[0], ((Number) row[1]).intValue()));
            classified = new Counts(byOutcome.getOrDefault("created", 0), byOutcome.getOrDefault("updated", 0),
                    byOutcome.getOrDefault("unchanged", 0));
            return classified;
        }

        @Override
        public List<StagedOutcome> changedRows(int limit) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = new SqlQuery("select idx, user_id, outcome from " + TABLE
                    + " where outcome in ('created', 'updated') order by idx limit :limit").bind("limit", limit)
                    .plain(em).getResultList();
            return rows.stream().map(row -> new StagedOutcome(((Number) row[0]).intValue(), new UserId((String) row[1]),
                    enumOf(Outcome.class, (String) row[2]))).toList();
        }

        @Override
        public void write(Instant now, List<GroupId> autoAddGroups) {
            if (classified == null) {
                throw new IllegalStateException("write() needs the outcomes of classify()");
            }
            scope.enter(orgId);
            // A manager may be a row further down the file: check the references when the transaction commits.
            execute(new SqlQuery("set constraints org_members_manager_fk deferred"));
            // Before the rows change, so each event compares the member as stored with the member as imported.
            publish(now);
            if (classified.created() > 0) {
                statements.run(new SqlQuery("insert into users (id) select user_id from " + TABLE
                        + " where outcome = 'created' order by user_id on conflict (id) do nothing"));
                String columns = String.join(", ", PROFILE_COLUMNS);
                String values = PROFILE_COLUMNS.stream().map(column -> "s." + column)
                        .collect(Collectors.joining(", "));
                statements.run(new SqlQuery("insert into org_members (org_id, user_id, role, status, " + columns
                        + ", custom_attributes, joined_at, version, updated_at)"
                        + " select :org, s.user_id, coalesce(s.role, 'member'), coalesce(s.status, 'active'), "
                        + values + ", " + customAfter("'{}'::jsonb") + ", :now, 1, :now from " + TABLE + " s"
                        + " where s.outcome = 'created' order by s.idx")
                        .bind("org", orgId.value()).bind("now", now));
            }
            if (classified.updated() > 0) {
                List<String> afterValues = afterValues();
                List<String> assignments = new ArrayList<>();
                for (int i = 0; i < PROFILE_COLUMNS.size(); i++) {
                    assignments.add(PROFILE_COLUMNS.get(i) + " = " + afterValues.get(i));
                }
                // Both sides of the join have an index on user_id: whichever side PostgreSQL takes for the smaller
                // one, a nested loop looks the other side's row up instead of reading all of it again.
                statements.run(new SqlQuery("update org_members m set " + String.join(", ", assignments)
                        + ", custom_attributes = " + customAfter("m.custom_attributes")
                        + ", role = coalesce(s.role, m.role), status = coalesce(s.status, m.status),"
                        + " version = m.version + 1, updated_at = :now from " + TABLE + " s"
                        + " where s.outcome = 'updated' and m.org_id = :org and m.user_id = s.user_id")
                        .bind("org", orgId.value()).bind("now", now));
            }
            if (classified.created() > 0 && !autoAddGroups.isEmpty()) {
                statements.run(new SqlQuery("insert into group_members (group_id, org_id, user_id, role, status,"
                        + " joined_at) select g.id, :org, s.user_id, 'member', 'active', :now from " + TABLE + " s"
                        + " cross join unnest(cast(:groups as uuid[])) as g(id) where s.outcome = 'created'"
                        + " on conflict do nothing")
                        .bind("org", orgId.value()).bind("now", now)
                        .bind("groups", autoAddGroups.stream().map(GroupId::toString)
                                .collect(Collectors.joining(",", "{", "}"))));
            }
            // Rows read earlier in this transaction (the caller's membership) may have changed underneath.
            em.clear();
        }

        /**
         * One public event per member the import adds or changes ({@code circles.org.member.added} or
         * {@code .changed}, naming the changed fields, never their values), written by one statement in the
         * import's transaction, in the file's order. A row that changes nothing publishes nothing. Profile fields
         * are compared as the API compares them: a field the file leaves out keeps its stored value.
         */
        private void publish(Instant now) {
            if (classified.created() + classified.updated() == 0) {
                return;
            }
            List<String> after = afterValues();
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < PROFILE_COLUMNS.size(); i++) {
                fields.add("case when " + after.get(i) + " is distinct from m." + PROFILE_COLUMNS.get(i) + " then '"
                        + WIRE_NAMES.get(i) + "' end");
            }
            fields.add("case when coalesce(s.role, m.role, 'member') is distinct from m.role then 'role' end");
            fields.add("case when coalesce(s.status, m.status, 'active') is distinct from m.status then 'status' end");
            String storedCustom = "coalesce(m.custom_attributes, '{}'::jsonb)";
            String changedCustom = "(select array_agg('customAttributes.' || k.key) from (select key from jsonb_each("
                    + storedCustom + ") union select key from jsonb_each(" + customAfter(storedCustom) + ")) k"
                    + " where " + storedCustom + " -> k.key is distinct from " + customAfter(storedCustom)
                    + " -> k.key)";
            String changed = "array(select f from unnest(array[" + String.join(", ", fields) + "] || coalesce("
                    + changedCustom + ", '{}'::text[])) f where f is not null order by f collate \"C\")";
            statements.run(new SqlQuery("insert into public_events (id, aggregatetype, aggregateid, type, payload,"
                    + " org_id, occurred_at) select e.id, 'org_member', e.user_id, e.type,"
                    + " jsonb_build_object('specversion', '1.0', 'id', e.id::text, 'source', '/orgs/' || :orgText,"
                    + " 'type', e.type, 'subject', e.user_id, 'time', :time, 'datacontenttype', 'application/json',"
                    + " 'data', jsonb_build_object('orgId', :orgText, 'userId', e.user_id, 'role', e.role,"
                    + " 'status', e.status, 'changedFields', to_jsonb(e.fields))), :org, :now"
                    + " from (select gen_random_uuid() as id, s.idx, s.user_id,"
                    + " case when m.user_id is null then 'circles.org.member.added'"
                    + " else 'circles.org.member.changed' end as type,"
                    + " coalesce(s.role, m.role, 'member') as role, coalesce(s.status, m.status, 'active') as status, "
                    + changed + " as fields from " + TABLE + " s left join org_members m"
                    + " on m.org_id = :org and m.user_id = s.user_id where s.outcome in ('created', 'updated')) e"
                    + " where cardinality(e.fields) > 0 order by e.idx")
                    .bind("org", orgId.value()).bind("orgText", orgId.toString())
                    .bind("time", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MICROS)))
                    .bind("now", now.truncatedTo(ChronoUnit.MICROS)));
        }

        /** The value of every profile column after the row is applied to the stored member {@code m}. */
        private static List<String> afterValues() {
            List<String> values = new ArrayList<>();
            for (int bit = 0; bit < PROFILE_COLUMNS.size(); bit++) {
                String column = PROFILE_COLUMNS.get(bit);
                values.add("case when s.present & " + (1 << bit) + " <> 0 then s." + column + " else m." + column
                        + " end");
            }
            values.add(customAfter("m.custom_attributes"));
            values.add("coalesce(s.role, m.role)");
            values.add("coalesce(s.status, m.status)");
            return values;
        }

        /** Custom attributes merge key by key, as a JSON merge patch does. */
        private static String customAfter(String stored) {
            return "((case when s.custom_clear then '{}'::jsonb else " + stored + " end)"
                    + " - coalesce(s.custom_unset, '{}'::text[])) || coalesce(s.custom_set, '{}'::jsonb)";
        }
    }

    // --- COPY rows (CSV: every value quoted, an unquoted empty field is NULL) ------------------------------

    private static void appendRow(StringBuilder csv, StagedRow row) {
        ProfilePatch p = row.profile();
        List<Optional<?>> fields = Arrays.asList(p.email(), p.displayName(), p.department(), p.location(),
                p.jobTitle(), p.managerId(), p.orgUnitPath(), p.employeeType(), p.costCenter(), p.userType());
        int present = 0;
        for (int bit = 0; bit < fields.size(); bit++) {
            if (fields.get(bit) != null) {
                present |= 1 << bit;
            }
        }
        csv.append(row.index()).append(',');
        quoted(csv, row.userId().value()).append(',').append(present);
        for (Optional<?> field : fields) {
            csv.append(',');
            if (field != null && field.isPresent()) {
                quoted(csv, field.get().toString());
            }
        }
        ProfilePatch.AttributeChanges custom = p.customAttributes();
        csv.append(',').append(custom != null && custom.clearAll() ? "true" : "false").append(',');
        if (custom != null && !custom.set().isEmpty()) {
            quoted(csv, JsonColumns.write(custom.set()));
        }
        csv.append(',');
        if (custom != null && !custom.removed().isEmpty()) {
            // Keys are letters, digits, '_', '.' and '-' only: no quoting inside the array literal.
            quoted(csv, custom.removed().stream().sorted().collect(Collectors.joining(",", "{", "}")));
        }
        csv.append(',');
        if (row.role() != null) {
            csv.append(lower(row.role()));
        }
        csv.append(',');
        if (row.status() != null) {
            csv.append(lower(row.status()));
        }
        csv.append('\n');
    }

    private static StringBuilder quoted(StringBuilder csv, String value) {
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        return csv.append('"');
    }
}
