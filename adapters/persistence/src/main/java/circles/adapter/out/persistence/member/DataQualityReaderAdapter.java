package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.in.member.GetDataQualityUseCase.Finding;
import circles.application.port.in.member.GetDataQualityUseCase.Sample;
import circles.application.port.in.member.GetDataQualityUseCase.Suggestion;
import circles.application.port.out.member.DataQualityReader;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-quality findings in SQL. Suggestions for a value that names no master-data entry are the entries whose key
 * or name is most similar to it by trigrams ({@code pg_trgm}'s {@code similarity()}, at least {@value #SIMILAR}),
 * best first, at most {@value #SUGGESTIONS}.
 */
@ApplicationScoped
public class DataQualityReaderAdapter implements DataQualityReader {
    static final double SIMILAR = 0.3;
    static final int SUGGESTIONS = 3;

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    DataQualityReaderAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    /** The profile column and master-data kind of a finding about unknown values; null for the others. */
    private record Field(String column, String kind) {
    }

    private static Field field(Finding finding) {
        return switch (finding) {
            case UNKNOWN_DEPARTMENT -> new Field("department", "department");
            case UNKNOWN_LOCATION -> new Field("location", "location");
            case UNKNOWN_COST_CENTER -> new Field("cost_center", "cost_center");
            case UNKNOWN_JOB_TITLE -> new Field("job_title", "job_title");
            default -> null;
        };
    }

    private static String unknown(Field field) {
        return " from org_members m where m.org_id = :org and m." + field.column() + " is not null"
                + " and not exists (select 1 from master_data d where d.org_id = m.org_id and d.kind = '"
                + field.kind() + "' and d.key = m." + field.column() + ")";
    }

    private static final String INACTIVE_MANAGER = " from org_members m join org_members b"
            + " on b.org_id = m.org_id and b.user_id = m.manager_id"
            + " where m.org_id = :org and b.status in ('suspended', 'deactivated')";

    /** Departments none of whose members (of it or of a department below it) exists. */
    private static final String EMPTY_DEPARTMENT = " from master_data d where d.org_id = :org"
            + " and d.kind = 'department' and not exists (select 1 from org_members m join master_data md"
            + " on md.org_id = m.org_id and md.kind = 'department' and md.key = m.department"
            + " where m.org_id = d.org_id and (md.path = d.path or md.path like d.path || '/%'))";

    @Override
    public long count(OrgId orgId, Finding finding) {
        scope.enter(orgId);
        Field field = field(finding);
        String from = field != null ? unknown(field) : switch (finding) {
            case MISSING_MANAGER -> " from org_members m where m.org_id = :org and m.manager_id is null";
            case INACTIVE_MANAGER -> INACTIVE_MANAGER;
            case EMPTY_DEPARTMENT -> EMPTY_DEPARTMENT;
            default -> throw new IllegalArgumentException(finding.name());
        };
        return ((Number) new SqlQuery("select count(*)" + from).bind("org", orgId.value()).plain(em)
                .getSingleResult()).longValue();
    }

    @Override
    public Page<Sample> samples(OrgId orgId, Finding finding, PageRequest page) {
        scope.enter(orgId);
        // Bound to the org and the finding: a cursor of another org or finding is refused, not applied here.
        String list = String.join("\u0000", "data-quality", orgId.toString(),
                finding.name().toLowerCase(java.util.Locale.ROOT));
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list);
        Field field = field(finding);
        if (field != null) {
            return unknownValues(orgId, field, page, cursor, list);
        }
        SqlQuery sql = switch (finding) {
            case MISSING_MANAGER -> new SqlQuery("select m.user_id, m.display_name, null, null"
                    + " from org_members m where m.org_id = :org and m.manager_id is null");
            case INACTIVE_MANAGER -> new SqlQuery("select m.user_id, m.display_name, b.user_id, b.status"
                    + INACTIVE_MANAGER);
            case EMPTY_DEPARTMENT -> new SqlQuery("select d.key, d.name, null, null" + EMPTY_DEPARTMENT);
            default -> throw new IllegalArgumentException(finding.name());
        };
        String id = finding == Finding.EMPTY_DEPARTMENT ? "d.key" : "m.user_id";
        if (cursor != null) {
            sql.append(" and " + id + " > :after", "after", cursor.id());
        }
        sql.append(" order by " + id + " limit :limit", "limit", Pages.fetchSize(page)).bind("org", orgId.value());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.plain(em).getResultList();
        return Pages.of(rows, page, row -> new Sample((String) row[0], (String) row[1], null, (String) row[2],
                (String) row[3], List.of()), row -> KeysetCursor.encode(list, null, (String) row[0]));
    }

    private Page<Sample> unknownValues(OrgId orgId, Field field, PageRequest page, KeysetCursor cursor, String list) {
        SqlQuery values = new SqlQuery("select m." + field.column() + " as value, count(*) as members"
                + unknown(field));
        if (cursor != null) {
            values.append(" and m." + field.column() + " > :after", "after", cursor.id());
        }
        values.append(" group by m." + field.column() + " order by m." + field.column() + " limit :limit");
        SqlQuery sql = new SqlQuery("select v.value, v.members, s.key, s.name, s.score from (" + values
                + ") v left join lateral (select d.key, d.name,"
                + " greatest(similarity(d.key, v.value), similarity(d.name, v.value)) as score"
                + " from master_data d where d.org_id = :org and d.kind = :kind"
                + " and greatest(similarity(d.key, v.value), similarity(d.name, v.value)) >= :similar"
                + " order by score desc, d.key limit :suggestions) s on true order by v.value, s.score desc, s.key")
                .bind("org", orgId.value()).bind("kind", field.kind()).bind("similar", SIMILAR)
                .bind("suggestions", SUGGESTIONS).bind("limit", Pages.fetchSize(page));
        if (cursor != null) {
            sql.bind("after", cursor.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql.plain(em).getResultList();
        Map<String, List<Object[]>> byValue = new LinkedHashMap<>();
        rows.forEach(row -> byValue.computeIfAbsent((String) row[0], ignored -> new ArrayList<>()).add(row));
        List<Sample> samples = byValue.values().stream().map(group -> new Sample((String) group.getFirst()[0],
                (String) group.getFirst()[0], ((Number) group.getFirst()[1]).longValue(), null, null,
                group.stream().filter(row -> row[2] != null).map(row -> new Suggestion((String) row[2],
                        (String) row[3], Math.round(((Number) row[4]).doubleValue() * 1000) / 1000.0)).toList()))
                .toList();
        return Pages.of(samples, page, sample -> sample, sample -> KeysetCursor.encode(list, null, sample.id()));
    }
}
