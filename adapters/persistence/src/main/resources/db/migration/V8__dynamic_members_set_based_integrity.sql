-- Snapshots and their history are written a million rows at a time. Row-by-row foreign-key checks made up more than
-- half of such a write (three checks per member), so these two tables keep their integrity set-based instead:
--   * a computed member is a member of the group's org: the snapshot write joins the org's members and refuses
--     users who are not among them, in the same statement;
--   * the group exists and is dynamic: the snapshot write locks the group's row first;
--   * deleting a group deletes its snapshot and history, leaving an org deletes the member's computed memberships:
--     statement-level triggers below, one set-based delete per statement.
-- The triggers act for every org (as the foreign-key cascades they replace did, which row-level security does not
-- limit either), then restore the cross-org setting of the transaction.

alter table dynamic_group_members
    drop constraint dynamic_group_members_group_fk,
    drop constraint dynamic_group_members_org_member_fk;
-- History rows are never looked up by id alone: the (group, time, id) index serves the list and its cursor.
alter table group_membership_events
    drop constraint group_membership_events_group_fk,
    drop constraint group_membership_events_pkey;

create function circles_dynamic_groups_deleted() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
begin
    perform set_config('circles.scope', 'all', true);
    delete from dynamic_group_members d using deleted_groups g where d.group_id = g.id;
    delete from group_membership_events e using deleted_groups g where e.group_id = g.id;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;

create trigger groups_deleted_dynamic_members after delete on groups
    referencing old table as deleted_groups for each statement execute function circles_dynamic_groups_deleted();

create function circles_org_members_left_dynamic_groups() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
begin
    perform set_config('circles.scope', 'all', true);
    delete from dynamic_group_members d using left_members m where d.org_id = m.org_id and d.user_id = m.user_id;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;

create trigger org_members_deleted_dynamic_members after delete on org_members
    referencing old table as left_members for each statement
    execute function circles_org_members_left_dynamic_groups();
