-- Webhook endpoints of an org: where its public events are sent, which types, optionally only those about some of
-- its groups (group_ids; empty means every group). The signing secret is stored encrypted by the application
-- (AES-GCM, "v1:<key id>:<base64>"), never in clear; after a rotation the previous secret keeps signing until
-- previous_secret_expires_at. A disabled endpoint gets no delivery; disabled_reason says why (a 410 from the
-- receiver, days of failures, or an admin).
create table webhooks (
    id                         uuid        primary key,
    org_id                     uuid        not null references orgs (id),
    url                        text        not null,
    description                text,
    event_types                text[]      not null,
    group_ids                  uuid[]      not null default '{}',
    enabled                    boolean     not null default true,
    disabled_reason            text,
    disabled_at                timestamptz,
    secret_sealed              text        not null,
    previous_secret_sealed     text,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null,
    created_by                 text,
    updated_at                 timestamptz not null,
    constraint webhooks_event_types_check check (cardinality(event_types) > 0),
    constraint webhooks_previous_secret_check
        check ((previous_secret_sealed is null) = (previous_secret_expires_at is null))
);
create index webhooks_org_created_idx on webhooks (org_id, created_at, id);

alter table webhooks enable row level security;
alter table webhooks force row level security;
create policy webhooks_in_scope on webhooks
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
