-- Core schema of Circles: users, orgs and their members, groups, memberships, assignments, audit trail and
-- idempotency keys. Enum values are stored lower-case; versions (optimistic locking) start at 1 when a row is
-- first stored. Row-level security comes in V2.
--
-- Rows that belong to an org carry org_id. Tables keyed by a group also carry org_key, the group's org or the
-- nil UUID for standalone data, so that a composite foreign key to groups (id, org_key) guarantees that a
-- membership or assignment always belongs to the same org as its group (org_id can never be null by mistake).

create table users (
    id           text        primary key,
    name         text,
    email        text,
    created_at   timestamptz not null default now(),
    signed_in_at timestamptz
);

create table orgs (
    id         uuid        primary key,
    name       text        not null,
    name_key   text        generated always as (lower(name)) stored,
    slug       text        not null,
    version    bigint      not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint orgs_slug_key unique (slug)
);
create index orgs_name_key_idx on orgs (name_key, id);

create table org_members (
    org_id            uuid        not null references orgs (id),
    user_id           text        not null references users (id),
    role              text        not null,
    status            text        not null,
    email             text,
    display_name      text,
    department        text,
    location          text,
    job_title         text,
    manager_id        text,
    org_unit_path     text,
    employee_type     text,
    cost_center       text,
    user_type         text,
    custom_attributes jsonb       not null default '{}',
    last_login_at     timestamptz,
    joined_at         timestamptz not null,
    version           bigint      not null default 1,
    updated_at        timestamptz not null,
    constraint org_members_pkey primary key (org_id, user_id),
    constraint org_members_role_check check (role in ('admin', 'it_admin', 'member')),
    constraint org_members_status_check check (status in ('active', 'suspended', 'deactivated')),
    constraint org_members_custom_attributes_check check (jsonb_typeof(custom_attributes) = 'object'),
    constraint org_members_not_own_manager check (manager_id <> user_id),
    -- A manager is a member of the same org; an import may name a manager further down the same file.
    constraint org_members_manager_fk foreign key (org_id, manager_id) references org_members (org_id, user_id)
        on delete set null (manager_id) deferrable initially immediate
);
create index org_members_user_idx on org_members (user_id);
create index org_members_manager_idx on org_members (org_id, manager_id) where manager_id is not null;

create table groups (
    id          uuid        primary key,
    org_id      uuid        references orgs (id),
    org_key     uuid        generated always as (coalesce(org_id, '00000000-0000-0000-0000-000000000000')) stored,
    name        text        not null,
    name_key    text        generated always as (lower(name)) stored,
    slug        text        not null,
    description text,
    email       text,
    icon        text,
    color       text,
    type        text        not null,
    kind        text        not null,
    parent_id   uuid,
    visibility  text        not null,
    owner_id    text,
    reviewer_id text,
    settings    jsonb       not null default '{}',
    metadata    jsonb       not null default '{}',
    status      text        not null default 'active',
    expires_at  timestamptz,
    preset      text,
    version     bigint      not null default 1,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint groups_type_check
        check (type in ('organization', 'department', 'project', 'custom', 'standalone')),
    constraint groups_kind_check check (kind in ('static', 'dynamic')),
    constraint groups_visibility_check check (visibility in ('public', 'organization', 'private')),
    constraint groups_status_check check (status in ('active', 'archived')),
    constraint groups_standalone_iff_no_org check ((org_id is null) = (type = 'standalone')),
    constraint groups_not_own_parent check (parent_id <> id),
    constraint groups_settings_check check (jsonb_typeof(settings) = 'object'),
    constraint groups_metadata_check check (jsonb_typeof(metadata) = 'object'),
    constraint groups_id_org_key unique (id, org_key),
    -- The parent exists and belongs to the same org (or is standalone too).
    constraint groups_parent_fk foreign key (parent_id, org_key) references groups (id, org_key),
    constraint groups_reviewer_fk foreign key (org_id, reviewer_id) references org_members (org_id, user_id)
        on delete set null (reviewer_id)
);
-- Names are unique per org (case-insensitive); slugs per org and among standalone groups.
create unique index groups_org_name_key on groups (org_id, name_key) where org_id is not null;
create unique index groups_org_slug_key on groups (org_id, slug) where org_id is not null;
create unique index groups_standalone_slug_key on groups (slug) where org_id is null;
-- Keyset pagination of the group lists, per org and across orgs.
create index groups_org_name_idx on groups (org_id, name_key, id);
create index groups_org_created_idx on groups (org_id, created_at, id);
create index groups_name_idx on groups (name_key, id);
create index groups_created_idx on groups (created_at, id);
create index groups_parent_idx on groups (parent_id) where parent_id is not null;
create index groups_expiry_idx on groups (expires_at) where status = 'active' and expires_at is not null;
create index groups_reviewer_idx on groups (org_id, reviewer_id) where reviewer_id is not null;

create table group_members (
    group_id              uuid        not null,
    org_id                uuid,
    org_key               uuid        generated always as (coalesce(org_id, '00000000-0000-0000-0000-000000000000')) stored,
    user_id               text        not null references users (id),
    role                  text        not null,
    status                text        not null,
    joined_at             timestamptz not null,
    invited_by            text,
    valid_from            timestamptz,
    valid_until           timestamptz,
    permissions           text[]      not null default '{}',
    notification_override jsonb,
    -- The included columns let the effective-membership queries (status, validity, org) read the index alone.
    constraint group_members_pkey primary key (group_id, user_id) include (org_id, status, valid_from, valid_until),
    constraint group_members_group_fk foreign key (group_id, org_key) references groups (id, org_key)
        on delete cascade,
    -- Only members of an org can be members of its groups; leaving the org ends them.
    constraint group_members_org_member_fk foreign key (org_id, user_id) references org_members (org_id, user_id)
        on delete cascade,
    constraint group_members_role_check check (role in ('owner', 'admin', 'moderator', 'member')),
    constraint group_members_status_check check (status in ('active', 'pending', 'suspended')),
    constraint group_members_validity_check check (valid_until > valid_from),
    constraint group_members_permissions_check check (permissions <@ array ['view', 'leave', 'manage_members',
        'manage_settings', 'send_notifications', 'delete']::text[])
);
create index group_members_user_idx on group_members (user_id, group_id);
create index group_members_org_user_idx on group_members (org_id, user_id) where org_id is not null;
create index group_members_ended_idx on group_members (valid_until) where valid_until is not null;

create table assignments (
    id            uuid        primary key,
    group_id      uuid        not null,
    org_id        uuid,
    org_key       uuid        generated always as (coalesce(org_id, '00000000-0000-0000-0000-000000000000')) stored,
    resource_type text        not null,
    resource_id   text        not null,
    assigned_by   text        not null,
    assigned_at   timestamptz not null,
    constraint assignments_resource_key unique (group_id, resource_type, resource_id),
    constraint assignments_group_fk foreign key (group_id, org_key) references groups (id, org_key)
        on delete cascade
);
create index assignments_group_time_idx on assignments (group_id, assigned_at, id);

create table audit_events (
    id          uuid        primary key,
    org_id      uuid        references orgs (id),
    actor_id    text,       -- null: the system itself (a scheduled job)
    action      text        not null,
    target_type text        not null,
    target_id   text        not null,
    occurred_at timestamptz not null,
    summary     jsonb       not null default '{}'
);
create index audit_events_org_time_idx on audit_events (org_id, occurred_at desc, id desc);
create index audit_events_org_target_idx on audit_events (org_id, target_id, occurred_at desc);

create table idempotency_keys (
    caller       text        not null,
    route        text        not null,
    key          text        not null,
    request_hash text        not null,
    status       integer     not null,
    location     text,
    body         text,
    stored_at    timestamptz not null,
    constraint idempotency_keys_pkey primary key (caller, route, key)
);
create index idempotency_keys_stored_at_idx on idempotency_keys (stored_at);
