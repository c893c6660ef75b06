package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.group.GroupRepository.MembershipFilter;
import circles.application.port.out.group.GroupRepository.Viewer;
import circles.domain.org.OrgId;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Which groups exist for a viewer, as SQL over {@code groups g} (the same rules as the domain's GroupAccess):
 * <ul>
 *   <li>admins of an org see all its groups;</li>
 *   <li>members of an org see its {@code public} and {@code organization} groups, the groups they own and the groups
 *       they have an active membership of (pending, suspended and lapsed memberships show nothing); outside the org, an org group does not exist, not even for its owner;</li>
 *   <li>standalone groups are seen when {@code public}, by their owner, and by those with a membership of them.</li>
 * </ul>
 * Platform admins see everything and get no predicate.
 */
final class GroupVisibility {
    private static final String HAS_MEMBERSHIP =
            "exists (select 1 from group_members vm where vm.group_id = g.id and vm.user_id = :viewer)";
    /** A membership that gives rights: active and inside its validity window (pending and suspended give none). */
    private static final String HAS_ACTIVE_MEMBERSHIP =
            "exists (select 1 from group_members vm where vm.group_id = g.id and vm.user_id = :viewer"
                    + " and vm.status = 'active' and (vm.valid_from is null or vm.valid_from <= :viewed_at)"
                    + " and (vm.valid_until is null or vm.valid_until > :viewed_at))";

    private GroupVisibility() {
    }

    static void visibleTo(SqlQuery sql, Viewer viewer, Instant now) {
        sql.bind("viewer", viewer.userId().value());
        sql.bind("viewed_at", now);
        sql.append(" and ((g.org_id is null and (g.visibility = 'public' or g.owner_id = :viewer or "
                + HAS_ACTIVE_MEMBERSHIP + "))");
        if (!viewer.adminOrgs().isEmpty()) {
            sql.append(" or g.org_id = any(:admin_orgs)", "admin_orgs", uuids(viewer.adminOrgs()));
        }
        if (!viewer.memberOrgs().isEmpty()) {
            sql.append(" or (g.org_id = any(:member_orgs) and (g.visibility in ('public', 'organization')"
                    + " or g.owner_id = :viewer or " + HAS_ACTIVE_MEMBERSHIP + "))", "member_orgs", uuids(viewer.memberOrgs()));
        }
        sql.append(")");
    }

    /**
     * {@code MINE}: groups the viewer has a membership of, whatever its status. {@code JOINABLE}: active, static,
     * public groups the viewer is not in, standalone or of the viewer's orgs.
     */
    static void membership(SqlQuery sql, Viewer viewer, MembershipFilter filter) {
        sql.bind("viewer", viewer.userId().value());
        switch (filter) {
            case MINE -> sql.append(" and " + HAS_MEMBERSHIP);
            case JOINABLE -> {
                sql.append(" and g.visibility = 'public' and g.kind = 'static' and g.status = 'active'"
                        + " and not " + HAS_MEMBERSHIP);
                if (viewer.memberOrgs().isEmpty()) {
                    sql.append(" and g.org_id is null");
                } else {
                    sql.append(" and (g.org_id is null or g.org_id = any(:member_orgs))", "member_orgs",
                            uuids(viewer.memberOrgs()));
                }
            }
        }
    }

    /** The orgs as one array parameter: the statement text is the same whatever their number. */
    private static UUID[] uuids(Collection<OrgId> orgs) {
        return orgs.stream().map(OrgId::value).toArray(UUID[]::new);
    }
}
