-- Org API tokens: bearer credentials with which programs read one org's data within their scopes (e.g. the change
-- feed), acting with the org rights of whoever issued them. Only the SHA-256 of a secret is kept. Every token expires.

create table api_tokens (
    id           uuid        primary key,
    org_id       uuid        not null references orgs (id),
    name         text        not null,
    -- The scopes, space-separated in a fixed order (e.g. 'events:read').
    scopes       text        not null,
    secret_hash  text        not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint api_tokens_secret_hash_key unique (secret_hash),
    constraint api_tokens_scopes_check check (scopes ~ '^[a-z_]+:[a-z_]+( [a-z_]+:[a-z_]+)*$')
);
create index api_tokens_org_created_idx on api_tokens (org_id, created_at desc, id desc);

alter table api_tokens enable row level security;
alter table api_tokens force row level security;
create policy api_tokens_in_scope on api_tokens
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
