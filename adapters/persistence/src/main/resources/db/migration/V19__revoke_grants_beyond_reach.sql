-- Revokes group grants stored before the grant rules existed that break them, one audit event per revoked
-- membership.
--
-- The rules: owners (an owner member or the group's owner_id) and org admins / it_admins grant any role and any
-- extra permission; group admins grant roles up to admin and only extra permissions they hold themselves;
-- moderators (or members holding manage_members) and members of a group that allows member invites add plain
-- members only, without extra permissions.
--
-- Who granted what. A membership's role and its extra permissions are judged separately, each by its last grant:
--   * the last audited change of it since the membership began (group_member.updated naming the role, resp. the
--     permissions; its actor is the granter, its time the grant time); otherwise
--   * the add: group_members.invited_by at joined_at. Joining, the automatic adds and the creator of a standalone
--     group leave invited_by empty; such a membership's granter is unknown.
-- A permission kept from an earlier state is not blamed on the last change: a permission listed by the previous
-- audited permission change is exempt, and when the last change is the first one, so is any permission the one
-- who added the member could have granted.
--
-- What the granter could grant. Their standing at the grant time is read from the data as it stands and the audit
-- trail since: their group role then is the "from" of their first role change from then on (an update, a removal or
-- leaving, or an earlier revocation), else their current membership if it had begun by then; their extra
-- permissions likewise; their org role then is the "from" of their first org role change after it, else their
-- current one (SCIM records org role changes without their values: there the current role counts). The settings
-- of the group (member invites) are read as they are now, and the granter's role counts, not their status then.
--
-- The granter is not known, and the grant is left as it is, when there is no granter (see above), when the
-- granter held no membership of the group that the records show at the grant time (a platform admin, or a
-- history the audit trail does not hold) or when they were a plain member of a group without member invites.
-- Platform admins are not recorded in the database: a grant a platform admin made while also holding a lower
-- membership of the group is judged by that membership.
--
-- Revoking lowers, never removes: the role goes down to the highest one the granter could grant (an admin's
-- owner grant becomes admin, a moderator's or inviting member's admin or moderator grant becomes member) and the
-- extra permissions the granter could not grant are dropped. The membership itself, its status and validity stay.
-- Each revoked membership gets one audit event: action group_member.grant_revoked, actor null (the system),
-- summary {groupId, role: {from, to}?, permissions: {from, to}?, reason}. A second run finds nothing: a revocation
-- counts as the last change of what it lowered and as a change of the granter's own standing.
--
-- Set-based: the audit events of memberships are copied once into indexed temporary tables; only memberships
-- above a plain one (role other than member, or extra permissions) are judged, each with index lookups.

select set_config('circles.scope', 'all', true);

-- Role and permission changes of group memberships, as the audit trail records them.
create temporary table v19_member_changes on commit drop as
select (e.summary ->> 'groupId')::uuid as group_id,
       e.target_id                     as user_id,
       e.occurred_at,
       e.actor_id,
       e.action,
       case when e.action in ('group_member.removed', 'group_member.left') then e.summary ->> 'role'
            else e.summary -> 'role' ->> 'from' end as role_from,
       case when e.action = 'group_member.updated' and jsonb_typeof(e.summary -> 'permissions') = 'array'
                then array(select jsonb_array_elements_text(e.summary -> 'permissions'))
            when e.action = 'group_member.grant_revoked'
                then array(select jsonb_array_elements_text(e.summary -> 'permissions' -> 'to')) end
                                        as permissions_to,
       case when e.action = 'group_member.grant_revoked'
                then array(select jsonb_array_elements_text(e.summary -> 'permissions' -> 'from')) end
                                        as permissions_from,
       (e.action in ('group_member.removed', 'group_member.left') or e.summary -> 'role' ->> 'from' is not null)
                                        as changes_role,
       (e.action = 'group_member.updated' and jsonb_typeof(e.summary -> 'permissions') = 'array'
           or e.action = 'group_member.grant_revoked' and e.summary ? 'permissions')
                                        as changes_permissions
from audit_events e
where e.target_type = 'group_member'
  and e.action in ('group_member.updated', 'group_member.grant_revoked', 'group_member.removed', 'group_member.left')
  and e.summary ->> 'groupId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
create index on v19_member_changes (group_id, user_id, occurred_at);
analyze v19_member_changes;

-- Org role changes, as the audit trail records them.
create temporary table v19_org_role_changes on commit drop as
select e.org_id, e.target_id as user_id, e.occurred_at, e.summary -> 'role' ->> 'from' as role_from
from audit_events e
where e.action = 'org_member.updated' and e.org_id is not null and e.summary -> 'role' ->> 'from' is not null;
create index on v19_org_role_changes (org_id, user_id, occurred_at);
analyze v19_org_role_changes;

-- How far a granter reached in a group at a time: 'full', 'admin' (with the permissions they held, null when the
-- records do not tell), 'plain' (plain members only) or 'unknown'.
create function pg_temp.v19_reach(p_group uuid, p_org uuid, p_owner text, p_invites boolean, p_granter text,
                                  p_at timestamptz, out reach text, out held text[])
    language plpgsql stable
    as $$
declare
    org_role    text;
    group_role  text;
    extras      text[];
    extras_known boolean := true;
    later       record;
    now_member  record;
begin
    reach := 'unknown';
    if p_granter is null or p_at is null then
        return;
    end if;
    if p_granter = p_owner then
        reach := 'full';
        return;
    end if;
    if p_org is not null then
        select c.role_from into org_role from v19_org_role_changes c
            where c.org_id = p_org and c.user_id = p_granter and c.occurred_at > p_at
            order by c.occurred_at limit 1;
        if org_role is null then
            select m.role into org_role from org_members m where m.org_id = p_org and m.user_id = p_granter;
        end if;
        if org_role in ('admin', 'it_admin') then
            reach := 'full';
            return;
        end if;
    end if;
    select m.role, m.permissions, m.joined_at into now_member from group_members m
        where m.group_id = p_group and m.user_id = p_granter;
    select c.role_from into group_role from v19_member_changes c
        where c.group_id = p_group and c.user_id = p_granter and c.changes_role and c.occurred_at >= p_at
        order by c.occurred_at limit 1;
    if group_role is null and now_member.joined_at < p_at then
        group_role := now_member.role;
    end if;
    select c.action, c.permissions_from into later from v19_member_changes c
        where c.group_id = p_group and c.user_id = p_granter and c.changes_permissions and c.occurred_at >= p_at
        order by c.occurred_at limit 1;
    if later.action = 'group_member.grant_revoked' then
        extras := later.permissions_from;
    elsif later.action is not null then
        select c.permissions_to into extras from v19_member_changes c
            where c.group_id = p_group and c.user_id = p_granter and c.changes_permissions and c.occurred_at < p_at
            order by c.occurred_at desc limit 1;
        extras_known := extras is not null;
    elsif now_member.joined_at < p_at then
        extras := now_member.permissions;
    else
        extras_known := false;
    end if;
    if group_role = 'owner' then
        reach := 'full';
    elsif group_role = 'admin' then
        reach := 'admin';
        held := case when extras_known then array['view', 'leave', 'manage_members', 'manage_settings',
            'send_notifications'] || extras end;
    elsif group_role = 'moderator' or (group_role = 'member' and (p_invites or 'manage_members' = any (extras))) then
        reach := 'plain';
    end if;
end
$$;

-- The highest role a reach grants, and the extra permissions it grants.
create function pg_temp.v19_top_role(p_reach text) returns text
    language sql immutable
    as $$ select case p_reach when 'admin' then 'admin' when 'plain' then 'member' else 'owner' end $$;

create function pg_temp.v19_grantable(p_reach text, p_held text[]) returns text[]
    language sql immutable
    as $$
    select case
        when p_reach = 'plain' then '{}'::text[]
        when p_reach = 'admin' and p_held is not null then p_held
        else array['view', 'leave', 'manage_members', 'manage_settings', 'send_notifications', 'delete'] end
    $$;

create function pg_temp.v19_rank(p_role text) returns integer
    language sql immutable
    as $$ select case p_role when 'owner' then 4 when 'admin' then 3 when 'moderator' then 2 else 1 end $$;

-- Every membership above a plain one with the last grant of its role and of its permissions.
create temporary table v19_grants on commit drop as
select m.group_id, m.org_id, m.user_id, m.role, m.permissions, m.joined_at, m.invited_by,
       g.owner_id, coalesce((g.settings ->> 'allowMemberInvites')::boolean, false) as invites,
       role_change.action as role_action,
       case when role_change.action is null then m.invited_by else role_change.actor_id end as role_granter,
       coalesce(role_change.occurred_at, m.joined_at) as role_granted_at,
       perm_change.action as permissions_action,
       case when perm_change.action is null then m.invited_by else perm_change.actor_id end as permissions_granter,
       coalesce(perm_change.occurred_at, m.joined_at) as permissions_granted_at,
       previous_perm.permissions_to as previous_permissions,
       previous_perm.found as has_previous_permissions
from group_members m
join groups g on g.id = m.group_id
left join lateral (
    select c.action, c.actor_id, c.occurred_at from v19_member_changes c
    where c.group_id = m.group_id and c.user_id = m.user_id and c.changes_role and c.occurred_at >= m.joined_at
      and c.action in ('group_member.updated', 'group_member.grant_revoked')
    order by c.occurred_at desc limit 1) role_change on true
left join lateral (
    select c.action, c.actor_id, c.occurred_at from v19_member_changes c
    where c.group_id = m.group_id and c.user_id = m.user_id and c.changes_permissions and c.occurred_at >= m.joined_at
    order by c.occurred_at desc limit 1) perm_change on true
left join lateral (
    select c.permissions_to, true as found from v19_member_changes c
    where c.group_id = m.group_id and c.user_id = m.user_id and c.changes_permissions
      and c.occurred_at >= m.joined_at and c.occurred_at < perm_change.occurred_at
    order by c.occurred_at desc limit 1) previous_perm on true
where m.role <> 'member' or cardinality(m.permissions) > 0;

-- The judgement: the role and permissions each grant could give. A revocation already made is not judged again.
create temporary table v19_judged on commit drop as
select j.*,
       case when j.role_action = 'group_member.grant_revoked' or pg_temp.v19_rank(j.role) <=
                 pg_temp.v19_rank(pg_temp.v19_top_role(j.role_reach)) then j.role
            else pg_temp.v19_top_role(j.role_reach) end as new_role,
       case when j.permissions_action = 'group_member.grant_revoked' then j.permissions
            else array(select p from unnest(j.permissions) p
                       where p = any (pg_temp.v19_grantable(j.permissions_reach, j.permissions_held))
                          or p = any (j.exempt) order by p) end as new_permissions
from (
    select s.*,
           role_reach.reach as role_reach,
           perm_reach.reach as permissions_reach,
           perm_reach.held  as permissions_held,
           case when s.has_previous_permissions then coalesce(s.previous_permissions, '{}')
                when s.permissions_action is null then '{}'::text[]
                when s.invited_by is null then '{}'::text[]
                else pg_temp.v19_grantable(adder_reach.reach, adder_reach.held) end as exempt
    from v19_grants s
    cross join lateral pg_temp.v19_reach(s.group_id, s.org_id, s.owner_id, s.invites, s.role_granter,
                                          s.role_granted_at) role_reach
    cross join lateral pg_temp.v19_reach(s.group_id, s.org_id, s.owner_id, s.invites, s.permissions_granter,
                                          s.permissions_granted_at) perm_reach
    cross join lateral pg_temp.v19_reach(s.group_id, s.org_id, s.owner_id, s.invites, s.invited_by,
                                          s.joined_at) adder_reach
) j;

do $$
declare
    revoked bigint;
    unknown bigint;
begin
    with revocations as (
        select j.*,
               j.new_role <> j.role as role_lowered,
               not (j.permissions <@ j.new_permissions) as permissions_dropped
        from v19_judged j
        where j.new_role <> j.role or not (j.permissions <@ j.new_permissions)
    ), lowered as (
        update group_members m
        set role = r.new_role, permissions = r.new_permissions
        from revocations r
        where m.group_id = r.group_id and m.user_id = r.user_id
        returning r.*
    )
    insert into audit_events (id, org_id, actor_id, action, target_type, target_id, occurred_at, summary)
    select gen_random_uuid(), l.org_id, null, 'group_member.grant_revoked', 'group_member', l.user_id, now(),
           jsonb_strip_nulls(jsonb_build_object(
               'groupId', l.group_id::text,
               'role', case when l.role_lowered then jsonb_build_object('from', l.role, 'to', l.new_role) end,
               'permissions', case when l.permissions_dropped then jsonb_build_object(
                   'from', to_jsonb(array(select p from unnest(l.permissions) p order by p)),
                   'to', to_jsonb(l.new_permissions)) end,
               'reason', concat_ws('; ',
                   case when l.role_lowered then format(
                       'the role %s was granted by %s (%s) on %s, who could grant up to %s',
                       l.role, l.role_granter, case l.role_reach when 'admin' then 'a group admin'
                           else 'a moderator or inviting member' end,
                       to_char(l.role_granted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       l.new_role) end,
                   case when l.permissions_dropped then format(
                       'the permissions %s were granted by %s (%s) on %s, who could not grant them',
                       array_to_string(array(select p from unnest(l.permissions) p
                                             where not p = any (l.new_permissions) order by p), ', '),
                       l.permissions_granter, case l.permissions_reach when 'admin' then 'a group admin'
                           else 'a moderator or inviting member' end,
                       to_char(l.permissions_granted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end)))
    from lowered l;
    get diagnostics revoked = row_count;

    -- Not counted: the creator of a standalone group, its first owner, added by nobody.
    select count(*) into unknown from v19_judged j
    where (j.role <> 'member' and j.role_reach = 'unknown'
               and j.role_action is distinct from 'group_member.grant_revoked'
               and not (j.role_granter is null and j.org_id is null and j.role = 'owner'))
       or (cardinality(j.permissions) > 0 and j.permissions_reach = 'unknown'
               and j.permissions_action is distinct from 'group_member.grant_revoked');

    raise notice 'V19: % group grants beyond their granter''s reach revoked (audit action group_member.grant_revoked);'
        ' % grants above a plain membership left as they are because their granter or the granter''s standing is'
        ' not on record', revoked, unknown;
end
$$;

drop function pg_temp.v19_reach(uuid, uuid, text, boolean, text, timestamptz);
drop function pg_temp.v19_top_role(text);
drop function pg_temp.v19_grantable(text, text[]);
drop function pg_temp.v19_rank(text);
select set_config('circles.scope', '', true);
