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
    -- The first failed attempt since the last success; five days of nothing but failures disable the endpoint.
    failing_since              timestamptz,
    constraint webhooks_event_types_check check (cardinality(event_types) > 0),
    constraint webhooks_previous_secret_check
        check ((previous_secret_sealed is null) = (previous_secret_expires_at is null))
);
create index webhooks_org_created_idx on webhooks (org_id, created_at, id);

alter table webhooks enable row level security;
alter table webhooks force row level security;
create policy webhooks_in_scope on webhooks
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

-- One event to deliver to one endpoint, with its state: pending (next_attempt_at says when), delivered or
-- failed (no retry left, or the endpoint went away). A sender claims a due delivery by setting lease_until (longer
-- than a delivery may take) with FOR UPDATE SKIP LOCKED: several instances never send the same attempt at once,
-- and a delivery whose sender died is claimed again once its lease has passed. The event is kept as sent (the
-- CloudEvent's members), so that every retry carries the same webhook-id and body.
create table webhook_deliveries (
    id              uuid        primary key,
    org_id          uuid        not null,
    webhook_id      uuid        not null references webhooks (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    event           jsonb       not null,
    status          text        not null default 'pending',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    last_status_code integer,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint webhook_deliveries_event_key unique (webhook_id, event_id),
    constraint webhook_deliveries_status_check check (status in ('pending', 'delivered', 'failed')),
    constraint webhook_deliveries_due_check check ((status = 'pending') = (next_attempt_at is not null))
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_log_idx on webhook_deliveries (webhook_id, created_at desc, id desc);

-- Every attempt of a delivery: when, the receiver's status (null without an answer), how long it took, what went
-- wrong and when the next attempt is due (null: none).
create table webhook_delivery_attempts (
    delivery_id     uuid        not null references webhook_deliveries (id) on delete cascade,
    org_id          uuid        not null,
    attempt         integer     not null,
    attempted_at    timestamptz not null,
    status_code     integer,
    duration_ms     bigint      not null,
    error           text,
    next_attempt_at timestamptz,
    constraint webhook_delivery_attempts_pkey primary key (delivery_id, attempt)
);

-- How far the relay has read each org's public event log for its webhooks: the feed position after the last event
-- turned into deliveries. Set when the org's first endpoint is created, so no later event is missed.
create table webhook_relay_positions (
    org_id      uuid        primary key references orgs (id),
    position_tx bigint      not null,
    position_seq bigint     not null,
    position_at timestamptz not null
);

alter table webhook_relay_positions enable row level security;
alter table webhook_relay_positions force row level security;
create policy webhook_relay_positions_in_scope on webhook_relay_positions
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy webhook_deliveries_in_scope on webhook_deliveries
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table webhook_delivery_attempts enable row level security;
alter table webhook_delivery_attempts force row level security;
create policy webhook_delivery_attempts_in_scope on webhook_delivery_attempts
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
