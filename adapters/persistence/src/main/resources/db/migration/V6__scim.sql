-- SCIM 2.0 provisioning: the bearer tokens identity providers use (one org each, only the secret's SHA-256 kept),
-- the identity a provider knows each member and group by, and a version of every group's member list.

create table scim_tokens (
    id           uuid        primary key,
    org_id       uuid        not null references orgs (id),
    name         text        not null,
    secret_hash  text        not null,
    created_at   timestamptz not null,
    created_by   text,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint scim_tokens_secret_hash_key unique (secret_hash)
);
create index scim_tokens_org_created_idx on scim_tokens (org_id, created_at desc, id desc);

-- What the provider knows a member by: userName (unique per org, ignoring case) and externalId, and the attributes
-- of its representation that the profile has no column for. Leaving the org removes it.
create table scim_users (
    org_id        uuid  not null,
    user_id       text  not null,
    user_name     text  not null,
    user_name_key text  generated always as (lower(user_name)) stored,
    external_id   text,
    attributes    jsonb not null default '{}',
    constraint scim_users_pkey primary key (org_id, user_id),
    constraint scim_users_member_fk foreign key (org_id, user_id) references org_members (org_id, user_id)
        on delete cascade,
    constraint scim_users_attributes_check check (jsonb_typeof(attributes) = 'object')
);
create unique index scim_users_user_name_key on scim_users (org_id, user_name_key);
create index scim_users_external_id_idx on scim_users (org_id, external_id) where external_id is not null;

-- The provider's externalId of a group of the org.
create table scim_groups (
    group_id    uuid primary key,
    org_id      uuid not null,
    external_id text not null,
    constraint scim_groups_group_fk foreign key (group_id, org_id) references groups (id, org_key)
        on delete cascade
);

-- Every change of a group's direct members (whichever way it is made) moves its members_version, the second half
-- of a SCIM group's version: a member list is part of the SCIM representation, but not of the group's own version.
-- Concurrent member changes of one group queue on the group row here and all land.
alter table groups
    add column members_version    bigint      not null default 0,
    add column members_changed_at timestamptz;

create function circles_group_members_changed() returns trigger
    language plpgsql
    as $$
begin
    update groups g set members_version = g.members_version + 1, members_changed_at = now()
        where g.id in (select distinct c.group_id from changed_members c);
    return null;
end
$$;

create trigger group_members_inserted after insert on group_members
    referencing new table as changed_members for each statement execute function circles_group_members_changed();
create trigger group_members_updated after update on group_members
    referencing new table as changed_members for each statement execute function circles_group_members_changed();
create trigger group_members_deleted after delete on group_members
    referencing old table as changed_members for each statement execute function circles_group_members_changed();

alter table scim_tokens enable row level security;
alter table scim_tokens force row level security;
create policy scim_tokens_in_scope on scim_tokens
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table scim_users enable row level security;
alter table scim_users force row level security;
create policy scim_users_in_scope on scim_users
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table scim_groups enable row level security;
alter table scim_groups force row level security;
create policy scim_groups_in_scope on scim_groups
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
