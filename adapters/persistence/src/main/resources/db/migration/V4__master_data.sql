-- Master data per org: departments and locations as trees, cost centers and job titles as lists, in one table.
--
-- A key is unique per org and kind and never changes; member profiles name entries by key (department, location,
-- job_title, cost_center of org_members) without a foreign key, because directories are messy: a value that names
-- no entry is reported by the data-quality report, not refused.
--
-- path is the keys from the root ('/engineering/backend'); list entries are roots ('/cc-100'). sort_key orders
-- entries depth-first: the separator becomes a space, which sorts before every character a key may hold, so a
-- node comes right before its subtree and siblings follow their keys (byte order).

create table master_data (
    org_id     uuid        not null references orgs (id),
    kind       text        not null,
    key        text        not null,
    name       text        not null,
    parent_key text,
    path       text        not null,
    sort_key   text        collate "C" generated always as (translate(path, '/', ' ')) stored,
    manager_id text,
    version    bigint      not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint master_data_pkey primary key (org_id, kind, key),
    constraint master_data_kind_check check (kind in ('department', 'location', 'cost_center', 'job_title')),
    constraint master_data_key_check check (key ~ '^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$' and length(key) <= 100),
    constraint master_data_path_check check (path like '%/' || key),
    constraint master_data_not_own_parent check (parent_key <> key),
    constraint master_data_lists_are_flat
        check (kind in ('department', 'location') or (parent_key is null and manager_id is null)),
    -- A parent is an entry of the same org and kind; one with children cannot be deleted.
    constraint master_data_parent_fk foreign key (org_id, kind, parent_key) references master_data (org_id, kind, key),
    -- A manager is a member of the org; when they leave, the entry has no manager.
    constraint master_data_manager_fk foreign key (org_id, manager_id) references org_members (org_id, user_id)
        on delete set null (manager_id)
);
create unique index master_data_order_key on master_data (org_id, kind, sort_key);
create index master_data_parent_idx on master_data (org_id, kind, parent_key, sort_key) where parent_key is not null;
create index master_data_manager_idx on master_data (org_id, manager_id) where manager_id is not null;

alter table master_data enable row level security;
alter table master_data force row level security;
create policy master_data_in_scope on master_data
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
