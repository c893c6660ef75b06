-- Event-driven freshness of dynamic groups (docs/adr/0012): the outbox carries two more kinds of events, and the
-- per-member re-check reads a member's override entries and resolves a manager named by email through indexes.

-- A master-data tree changed its shape (org-wide queue), and a member's static group membership changed (the
-- member's queue, in order with their other events).
alter table member_events drop constraint member_events_type_check;
alter table member_events add constraint member_events_type_check
    check (type in ('member_changed', 'members_imported', 'master_data_tree_changed', 'group_membership_changed'));

-- One member's include and exclude entries across the groups of the org.
create index group_overrides_org_user_idx on group_overrides (org_id, user_id);
-- Emails with non-ASCII characters, which PostgreSQL's lower() may fold differently from the domain's: the few such
-- rows are read next to the lower(email) index and compared in Java.
create index org_members_non_ascii_email_idx on org_members (org_id)
    where octet_length(email) <> char_length(email);

-- A member who leaves the org leaves every dynamic group at once (V8). That departure is a change of those groups'
-- members like any other: it is kept in their history (cause data_change), so that "members at time T" no longer
-- counts the member after they left, and the groups' member counts follow.
create or replace function circles_org_members_left_dynamic_groups() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
begin
    perform set_config('circles.scope', 'all', true);
    with removed as (
        delete from dynamic_group_members d using left_members m
        where d.org_id = m.org_id and d.user_id = m.user_id
        returning d.group_id, d.org_id, d.user_id),
    logged as (
        insert into group_membership_events (group_id, org_id, user_id, change, cause, occurred_at)
        select group_id, org_id, user_id, 'removed', 'data_change', now() from removed)
    update groups g set member_count = greatest(g.member_count - r.members, 0)
    from (select group_id, count(*) as members from removed group by group_id) r
    where g.id = r.group_id;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;
