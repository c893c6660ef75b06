package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.KeysetCursor;
import circles.adapter.out.persistence.sql.Pages;
import circles.adapter.out.persistence.sql.TenantScopeAdapter;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.in.member.GetOrgChartUseCase.View;
import circles.application.port.out.member.OrgChartReader;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static circles.adapter.out.persistence.sql.ColumnValues.enumOf;

/**
 * The org chart from {@code master_data} (departments) and {@code org_members} (reporting lines). Children are
 * read in id order with keyset cursors; the children of many parents at once with one windowed query.
 */
@ApplicationScoped
public class OrgChartReaderAdapter implements OrgChartReader {
    private static final String DEPARTMENTS = "org-chart-department";
    private static final String REPORTS = "org-chart-reporting";

    /** Columns: id, name, job title, department, status, manager id, manager name, member count, child count. */
    private static final String DEPARTMENT_COLUMNS = "d.key, d.name, null, null, null, d.manager_id,"
            + " (select mm.display_name from org_members mm where mm.org_id = d.org_id and mm.user_id = d.manager_id),"
            + " (select count(*) from org_members m where m.org_id = d.org_id and m.department = d.key),"
            + " (select count(*) from master_data c where c.org_id = d.org_id and c.kind = 'department'"
            + " and c.parent_key = d.key)";
    private static final String MEMBER_COLUMNS = "m.user_id, m.display_name, m.job_title, m.department, m.status,"
            + " null, null, null,"
            + " (select count(*) from org_members r where r.org_id = m.org_id and r.manager_id = m.user_id)";

    private final EntityManager em;
    private final TenantScopeAdapter scope;

    @Inject
    OrgChartReaderAdapter(EntityManager em, TenantScopeAdapter scope) {
        this.em = em;
        this.scope = scope;
    }

    @Override
    public Optional<Entry> node(OrgId orgId, View view, String id) {
        scope.enter(orgId);
        SqlQuery sql = view == View.DEPARTMENT
                ? new SqlQuery("select " + DEPARTMENT_COLUMNS + " from master_data d where d.org_id = :org"
                + " and d.kind = 'department' and d.key = :id")
                : new SqlQuery("select " + MEMBER_COLUMNS + " from org_members m where m.org_id = :org"
                + " and m.user_id = :id");
        return rows(sql.bind("org", orgId.value()).bind("id", id)).stream().findFirst()
                .map(OrgChartReaderAdapter::entry);
    }

    @Override
    public Page<Entry> children(OrgId orgId, View view, String parentId, PageRequest page) {
        scope.enter(orgId);
        KeysetCursor cursor = KeysetCursor.decode(page.cursor(), list(orgId, view, parentId));
        SqlQuery sql;
        if (view == View.DEPARTMENT) {
            sql = new SqlQuery("select " + DEPARTMENT_COLUMNS + " from master_data d where d.org_id = :org"
                    + " and d.kind = 'department' and d.parent_key " + (parentId == null ? "is null" : "= :parent"));
            if (cursor != null) {
                sql.append(" and d.key > :after", "after", cursor.id());
            }
            sql.append(" order by d.key");
        } else {
            sql = new SqlQuery("select " + MEMBER_COLUMNS + " from org_members m where m.org_id = :org"
                    + " and m.manager_id " + (parentId == null ? "is null" : "= :parent"));
            if (cursor != null) {
                sql.append(" and m.user_id > :after", "after", cursor.id());
            }
            sql.append(" order by m.user_id");
        }
        sql.append(" limit :limit", "limit", Pages.fetchSize(page)).bind("org", orgId.value());
        if (parentId != null) {
            sql.bind("parent", parentId);
        }
        return Pages.of(rows(sql), page, OrgChartReaderAdapter::entry,
                row -> KeysetCursor.encode(list(orgId, view, parentId), null, (String) row[0]));
    }

    @Override
    public Map<String, Page<Entry>> children(OrgId orgId, View view, Collection<String> parentIds, int limit) {
        scope.enter(orgId);
        Map<String, Page<Entry>> pages = new LinkedHashMap<>();
        if (parentIds.isEmpty()) {
            return pages;
        }
        // The first limit + 1 children of each parent: the one beyond the limit says that a next page exists.
        SqlQuery sql = view == View.DEPARTMENT
                ? new SqlQuery("select x.* from (select d.parent_key as parent, " + DEPARTMENT_COLUMNS
                + ", row_number() over (partition by d.parent_key order by d.key) as position from master_data d"
                + " where d.org_id = :org and d.kind = 'department' and d.parent_key in (:parents)) x"
                + " where x.position <= :fetch order by x.parent, x.position")
                : new SqlQuery("select x.* from (select m.manager_id as parent, " + MEMBER_COLUMNS
                + ", row_number() over (partition by m.manager_id order by m.user_id) as position"
                + " from org_members m where m.org_id = :org and m.manager_id in (:parents)) x"
                + " where x.position <= :fetch order by x.parent, x.position");
        sql.bind("org", orgId.value()).bind("parents", List.copyOf(parentIds)).bind("fetch", limit + 1);
        Map<String, List<Object[]>> byParent = new HashMap<>();
        for (Object[] row : rows(sql)) {
            byParent.computeIfAbsent((String) row[0], ignored -> new ArrayList<>())
                    .add(java.util.Arrays.copyOfRange(row, 1, 10));
        }
        PageRequest request = PageRequest.first(limit);
        byParent.forEach((parent, rows) -> pages.put(parent, Pages.of(rows, request, OrgChartReaderAdapter::entry,
                row -> KeysetCursor.encode(list(orgId, view, parent), null, (String) row[0]))));
        return pages;
    }

    /**
     * The binding of a page of children: the org, the view and the parent whose children it lists (none for the
     * top level). A child page's cursor is used with {@code root} set to that parent, so it binds the same way;
     * a cursor moved to another org, view or parent is refused.
     */
    private static String list(OrgId orgId, View view, String parentId) {
        return String.join("\u0000", view == View.DEPARTMENT ? DEPARTMENTS : REPORTS, orgId.toString(),
                String.valueOf(parentId));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(SqlQuery sql) {
        return sql.plain(em).getResultList();
    }

    private static Entry entry(Object[] row) {
        return new Entry((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                enumOf(MemberStatus.class, (String) row[4]), (String) row[5], (String) row[6],
                row[7] == null ? null : ((Number) row[7]).longValue(), ((Number) row[8]).longValue());
    }
}
