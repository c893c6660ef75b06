-- Whether a kept answer to "which groups is this user in" still holds, in one statement instead of reading the list
-- again (see docs/caches.md).
--
-- Every write that changes a membership, a group, or a member's standing in an org publishes an event of that org in
-- the public event log in the transaction of the change. The stamp of an answer is taken before the answer is read:
-- the xmin of the snapshot (every transaction below it has ended) and the number of committed events, from that
-- transaction id on, of the orgs the answer depends on. Rows are only ever added (the retention job removes rows days
-- old, older than any kept answer), and a transaction that commits later has an id at or above that xmin, so the
-- count grows with every later change of those orgs, on any process sharing the database.
--
-- The orgs: the one asked about, or, for the user's own list across orgs, every org they have a membership row in,
-- in any status, at the time of the stamp and at the time of the check (an org joined later counts its join event).
-- A membership of a group outside any org publishes nothing; such a user's own list is not kept (standalone).
create function circles_answer_stamp(p_user text, p_org uuid, p_orgs uuid[], p_from text, p_now timestamptz)
    returns table (orgs uuid[], standalone boolean, from_tx text, seen bigint, next_change timestamptz)
    language plpgsql stable
as $$
declare
    previous text := current_setting('circles.scope', true);
    scope uuid[];
    since xid8 := coalesce(cast(p_from as xid8), pg_snapshot_xmin(pg_current_snapshot()));
begin
    perform set_config('circles.scope', 'all', true);
    scope := array(select o from (
            select p_org where p_org is not null
            union select m.org_id from org_members m where p_org is null and m.user_id = p_user
            union select unnest(coalesce(p_orgs, cast('{}' as uuid[])))) s (o)
        order by o);
    orgs := scope;
    standalone := p_org is null
        and exists (select 1 from group_members m where m.user_id = p_user and m.org_id is null);
    from_tx := cast(since as text);
    seen := (select count(*) from public_events e where e.org_id = any (scope) and e.tx >= since);
    next_change := case when p_from is null then (select min(b.at) from group_members m
        cross join lateral (values (m.valid_from), (m.valid_until)) b (at)
        where m.user_id = p_user and (p_org is null or m.org_id = p_org) and b.at > p_now) end;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return next;
end
$$;

-- The standalone check above, without visiting every membership of the user.
create index group_members_standalone_idx on group_members (user_id) where org_id is null;
