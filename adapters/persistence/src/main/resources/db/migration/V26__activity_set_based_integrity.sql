-- Activity is written ten thousand events a call. Ingestion already finds the events of users who are not members
-- of the org with one query per batch and leaves them out, so the row-by-row foreign-key checks of the three
-- activity tables (one per inserted event and one per rollup row, about a third of a batch's time) checked nothing
-- new. They go; what their cascades did, a statement-level trigger does: a member leaving the org takes their raw
-- events, rollups and latest activity along, in one set-based delete per statement.
--
-- An ingestion racing with the removal of the same member can still leave rows of a former member behind. No
-- criterion reads them (recency and scores meet org_members first) and retention removes them with their day.

alter table activity_events drop constraint activity_events_member_fk;
alter table activity_daily drop constraint activity_daily_member_fk;
alter table member_activity drop constraint member_activity_member_fk;

create function circles_org_members_left_activity() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
begin
    perform set_config('circles.scope', 'all', true);
    delete from activity_events e using left_members m where e.org_id = m.org_id and e.user_id = m.user_id;
    delete from activity_daily d using left_members m where d.org_id = m.org_id and d.user_id = m.user_id;
    delete from member_activity a using left_members m where a.org_id = m.org_id and a.user_id = m.user_id;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;

create trigger org_members_deleted_activity after delete on org_members
    referencing old table as left_members for each statement
    execute function circles_org_members_left_activity();
