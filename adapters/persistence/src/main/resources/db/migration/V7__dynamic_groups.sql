-- Dynamic groups: the rule and refresh schedule of a group, the state of its evaluation, the computed members
-- (a snapshot kept apart from group_members: a dynamic member is never a row there), the history of every change
-- of those members, the include/exclude overrides, and the member_of dependencies between groups.

-- The rule is stored in its canonical tree form, as the core writes it; only dynamic groups carry one.
-- refresh_interval_minutes 0 means no schedule. The evaluation block: idle, evaluating (claimed by one instance since
-- evaluation_started_at) or failed (last_error says why); next_refresh_at is when the schedule wants it again.
-- member_count caches the size of the snapshot, written with it.
alter table groups
    add column rule                     jsonb,
    add column refresh_interval_minutes integer     not null default 0,
    add column evaluation_status        text        not null default 'idle',
    add column evaluation_started_at    timestamptz,
    add column last_computed_at         timestamptz,
    add column last_error               text,
    add column next_refresh_at          timestamptz,
    add column member_count             integer     not null default 0,
    add constraint groups_rule_only_dynamic check (rule is null or kind = 'dynamic'),
    add constraint groups_rule_check check (rule is null or jsonb_typeof(rule) = 'object'),
    add constraint groups_refresh_interval_check check (refresh_interval_minutes >= 0),
    add constraint groups_evaluation_status_check check (evaluation_status in ('idle', 'evaluating', 'failed')),
    add constraint groups_member_count_check check (member_count >= 0);
-- The refresh queue: dynamic groups with a schedule, by due time.
create index groups_refresh_due_idx on groups (next_refresh_at)
    where kind = 'dynamic' and status = 'active' and next_refresh_at is not null;

-- The computed members of each dynamic group: by the rule or by an include override (via). Only members of the
-- group's org; leaving the org ends the membership, deleting the group ends its snapshot.
create table dynamic_group_members (
    group_id uuid        not null,
    org_id   uuid        not null,
    user_id  text        not null,
    since    timestamptz not null,
    via      text        not null,
    constraint dynamic_group_members_pkey primary key (group_id, user_id),
    constraint dynamic_group_members_group_fk foreign key (group_id, org_id) references groups (id, org_key)
        on delete cascade,
    constraint dynamic_group_members_org_member_fk foreign key (org_id, user_id)
        references org_members (org_id, user_id) on delete cascade,
    constraint dynamic_group_members_via_check check (via in ('rule', 'include'))
);
-- "Which dynamic groups is user X in": read from this index alone.
create index dynamic_group_members_user_idx on dynamic_group_members (org_id, user_id) include (group_id, since, via);

-- Every change of a dynamic group's members, with its time and cause. Kept when the member leaves the org, so the
-- history and "members at time T" stay answerable; deleting the group deletes its history.
create table group_membership_events (
    id          bigint      generated always as identity primary key,
    group_id    uuid        not null,
    org_id      uuid        not null,
    user_id     text        not null,
    change      text        not null,
    cause       text        not null,
    occurred_at timestamptz not null,
    constraint group_membership_events_group_fk foreign key (group_id, org_id) references groups (id, org_key)
        on delete cascade,
    constraint group_membership_events_change_check check (change in ('added', 'removed')),
    constraint group_membership_events_cause_check check (cause in ('rule_change', 'data_change', 'schedule',
        'manual_refresh', 'override', 'dependency'))
);
-- A group's events by time (the history list), and one member's events (the filter, and "members at time T").
create index group_membership_events_group_time_idx on group_membership_events (group_id, occurred_at, id);
create index group_membership_events_group_user_idx on group_membership_events (group_id, user_id, occurred_at, id);

-- Include and exclude lists of a dynamic group, each entry with a reason, an optional expiry and its author.
-- A user is on each list of a group at most once.
create table group_overrides (
    id         uuid        primary key,
    group_id   uuid        not null,
    org_id     uuid        not null,
    user_id    text        not null,
    kind       text        not null,
    reason     text,
    expires_at timestamptz,
    created_by text,
    created_at timestamptz not null,
    constraint group_overrides_group_fk foreign key (group_id, org_id) references groups (id, org_key)
        on delete cascade,
    constraint group_overrides_kind_check check (kind in ('include', 'exclude')),
    constraint group_overrides_user_kind_key unique (group_id, user_id, kind)
);
create index group_overrides_group_idx on group_overrides (group_id, created_at, id);
create index group_overrides_expiry_idx on group_overrides (expires_at) where expires_at is not null;

-- member_of composition: group_id's rule refers to depends_on_group_id (same org). A referenced group cannot be
-- deleted while the reference stands.
create table group_dependencies (
    group_id            uuid not null,
    depends_on_group_id uuid not null,
    org_id              uuid not null,
    constraint group_dependencies_pkey primary key (group_id, depends_on_group_id),
    constraint group_dependencies_group_fk foreign key (group_id, org_id) references groups (id, org_key)
        on delete cascade,
    constraint group_dependencies_depends_on_fk foreign key (depends_on_group_id, org_id)
        references groups (id, org_key),
    constraint group_dependencies_not_self check (group_id <> depends_on_group_id)
);
create index group_dependencies_depends_on_idx on group_dependencies (depends_on_group_id, group_id);

alter table dynamic_group_members enable row level security;
alter table dynamic_group_members force row level security;
create policy dynamic_group_members_in_scope on dynamic_group_members
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table group_membership_events enable row level security;
alter table group_membership_events force row level security;
create policy group_membership_events_in_scope on group_membership_events
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table group_overrides enable row level security;
alter table group_overrides force row level security;
create policy group_overrides_in_scope on group_overrides
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table group_dependencies enable row level security;
alter table group_dependencies force row level security;
create policy group_dependencies_in_scope on group_dependencies
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
