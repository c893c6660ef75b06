-- Row-level security: the second wall around each org's data (the first is the org filter of every query).
--
-- Each transaction names the org it works in with the transaction-local setting circles.org_id (set by the
-- persistence adapter's TenantScope). A row of org data is visible and writable only when
--   * its org is that org, or
--   * it is standalone data (org_id is null) in a table that holds such data, or
--   * circles.scope is 'all': the explicit cross-org paths (platform views, schedulers, a user's own groups),
--     which set it for one query and reset it right after.
-- Without any setting no org row is visible, so a forgotten filter returns nothing instead of another org's rows.
--
-- The application's database role owns these tables and is neither superuser nor BYPASSRLS; FORCE makes
-- the policies apply to the owner too. Foreign-key checks and cascades are not subject to the policies.

create function circles_current_org() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('circles.org_id', true), '')::uuid $$;

create function circles_all_orgs() returns boolean
    language sql stable parallel safe
    as $$ select coalesce(current_setting('circles.scope', true) = 'all', false) $$;

-- The settings are read once per statement (as init-plans), not once per row.

alter table orgs enable row level security;
alter table orgs force row level security;
create policy orgs_in_scope on orgs
    using (id = (select circles_current_org()) or (select circles_all_orgs()));

alter table org_members enable row level security;
alter table org_members force row level security;
create policy org_members_in_scope on org_members
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table groups enable row level security;
alter table groups force row level security;
create policy groups_in_scope on groups
    using (org_id is null or org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table group_members enable row level security;
alter table group_members force row level security;
create policy group_members_in_scope on group_members
    using (org_id is null or org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table assignments enable row level security;
alter table assignments force row level security;
create policy assignments_in_scope on assignments
    using (org_id is null or org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy audit_events_in_scope on audit_events
    using (org_id is null or org_id = (select circles_current_org()) or (select circles_all_orgs()));
