-- Member counts kept with the group.
--
-- A group's memberCount is the number of its active effective members at the time of the read. Counting them on
-- every read of a page of groups costs one recursive query per page. Most groups have no subgroup and no member
-- with a validity window; for those, the count is exactly the number of direct memberships that are active and
-- have no window, which the statement-level triggers below keep in the group's row, in the same transaction as
-- the membership write:
--   active_members    active memberships without validity window (they count until the next write);
--   windowed_members  active memberships with a window (valid_from or valid_until): whether they count depends on
--                     the time of the read, so a group with any of them is counted at read time, like a group with
--                     subgroups or a dynamic group.
-- Pending and suspended memberships are in neither column (they count for nothing).
--
-- The triggers replace the members_version triggers of the SCIM migration and do that work too (one update of each
-- touched group per statement, as before). They act for every org, as the foreign-key cascades that delete
-- memberships do (row-level security does not limit those either), then restore the transaction's cross-org setting.

alter table groups
    add column active_members   bigint not null default 0,
    add column windowed_members bigint not null default 0;

drop trigger group_members_inserted on group_members;
drop trigger group_members_updated on group_members;
drop trigger group_members_deleted on group_members;
drop function circles_group_members_changed();

-- One row per membership: +1 / -1 in the column it counts in (none for pending and suspended ones).
create function circles_member_count_delta(status text, valid_from timestamptz, valid_until timestamptz,
                                           sign integer, out active integer, out windowed integer)
    language sql immutable parallel safe
    as $$
        select case when status = 'active' and valid_from is null and valid_until is null then sign else 0 end,
               case when status = 'active' and (valid_from is not null or valid_until is not null) then sign else 0 end
    $$;

create function circles_group_members_counted() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
begin
    perform set_config('circles.scope', 'all', true);
    if TG_OP = 'INSERT' then
        update groups g set members_version = g.members_version + 1, members_changed_at = now(),
                            active_members = g.active_members + d.active,
                            windowed_members = g.windowed_members + d.windowed
            from (select a.group_id, sum((circles_member_count_delta(a.status, a.valid_from, a.valid_until, 1)).active) active,
                         sum((circles_member_count_delta(a.status, a.valid_from, a.valid_until, 1)).windowed) windowed
                  from added_members a group by a.group_id) d
            where g.id = d.group_id;
    elsif TG_OP = 'DELETE' then
        update groups g set members_version = g.members_version + 1, members_changed_at = now(),
                            active_members = g.active_members + d.active,
                            windowed_members = g.windowed_members + d.windowed
            from (select r.group_id, sum((circles_member_count_delta(r.status, r.valid_from, r.valid_until, -1)).active) active,
                         sum((circles_member_count_delta(r.status, r.valid_from, r.valid_until, -1)).windowed) windowed
                  from removed_members r group by r.group_id) d
            where g.id = d.group_id;
    else
        update groups g set members_version = g.members_version + 1, members_changed_at = now(),
                            active_members = g.active_members + d.active,
                            windowed_members = g.windowed_members + d.windowed
            from (select c.group_id, sum(c.active) active, sum(c.windowed) windowed from (
                      select a.group_id, (circles_member_count_delta(a.status, a.valid_from, a.valid_until, 1)).*
                      from added_members a
                      union all
                      select r.group_id, (circles_member_count_delta(r.status, r.valid_from, r.valid_until, -1)).*
                      from removed_members r) c
                  group by c.group_id) d
            where g.id = d.group_id;
    end if;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;

create trigger group_members_inserted after insert on group_members
    referencing new table as added_members for each statement execute function circles_group_members_counted();
create trigger group_members_updated after update on group_members
    referencing old table as removed_members new table as added_members
    for each statement execute function circles_group_members_counted();
create trigger group_members_deleted after delete on group_members
    referencing old table as removed_members for each statement execute function circles_group_members_counted();

-- The counts of the memberships that exist now (the migration sees every org).
select set_config('circles.scope', 'all', true);
update groups g set active_members = c.active, windowed_members = c.windowed
    from (select m.group_id, sum((circles_member_count_delta(m.status, m.valid_from, m.valid_until, 1)).active) active,
                 sum((circles_member_count_delta(m.status, m.valid_from, m.valid_until, 1)).windowed) windowed
          from group_members m group by m.group_id) c
    where g.id = c.group_id;
select set_config('circles.scope', '', true);
