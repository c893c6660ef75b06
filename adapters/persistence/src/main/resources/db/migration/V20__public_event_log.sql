-- The public event log: what changed in an org, as CloudEvents, written in the transaction of the change and never
-- updated. Its columns follow Debezium's outbox event router (id, aggregatetype, aggregateid, type, payload), so the
-- table can be streamed to Kafka with the router and no code; org_id, the feed position and occurred_at come on top.
--
-- The feed position is (tx, seq): tx the id of the writing transaction (pg_current_xact_id()), seq a sequence. The
-- change feed lists only rows whose tx lies below the xmin of the reader's snapshot, that is rows of transactions
-- that have all ended, in position order, so a reader following its cursor never skips and never repeats a row even
-- when transactions commit in another order than they took their positions.
--
-- It is not the internal directory queue (member_events): nothing claims, retries or parks these rows. Rows are
-- deleted only by the retention job.
create table public_events (
    id            uuid        primary key,
    aggregatetype text        not null,
    aggregateid   text        not null,
    type          text        not null,
    payload       jsonb       not null,
    org_id        uuid        not null,
    tx            xid8        not null default pg_current_xact_id(),
    seq           bigint      generated always as identity,
    occurred_at   timestamptz not null,
    constraint public_events_payload_check check (jsonb_typeof(payload) = 'object'),
    constraint public_events_aggregatetype_check check (aggregatetype in ('group', 'org_member')),
    constraint public_events_type_check check (type in ('circles.group.created', 'circles.group.updated',
        'circles.group.moved', 'circles.group.archived', 'circles.group.unarchived', 'circles.group.deleted',
        'circles.group.rule.changed', 'circles.group.member.added', 'circles.group.member.removed',
        'circles.group.member.changed', 'circles.group.members.bulk_changed', 'circles.group.evaluation.failed',
        'circles.org.member.added', 'circles.org.member.changed', 'circles.org.member.removed'))
);
-- The feed of an org in position order, and the retention job's scan by time.
create index public_events_feed_idx on public_events (org_id, tx, seq);
create index public_events_time_idx on public_events (occurred_at);

-- Insert-only: a published event is a fact; only the retention job removes rows, and nothing changes them.
create function public_events_refuse_update() returns trigger language plpgsql as $$
begin
    raise exception 'public_events is insert-only' using errcode = 'restrict_violation';
end $$;
create trigger public_events_insert_only before update on public_events
    for each row execute function public_events_refuse_update();

alter table public_events enable row level security;
alter table public_events force row level security;
create policy public_events_in_scope on public_events
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

-- The membership events of one evaluation of a dynamic group share its id, so the group's history can list exactly
-- the members one evaluation changed (a bulk change in the public log names it).
alter table group_membership_events add column evaluation_id uuid;
create index group_membership_events_evaluation_idx on group_membership_events
    (group_id, evaluation_id, occurred_at, id) where evaluation_id is not null;

-- A member who leaves the org leaves every dynamic group at once (V8, V10): those departures are one evaluation of
-- their own, kept in the groups' history with its id and published like every other change of computed members.
create or replace function circles_org_members_left_dynamic_groups() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
    evaluation uuid := gen_random_uuid();
    at text := to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
begin
    perform set_config('circles.scope', 'all', true);
    with removed as (
        delete from dynamic_group_members d using left_members m
        where d.org_id = m.org_id and d.user_id = m.user_id
        returning d.group_id, d.org_id, d.user_id, d.via),
    logged as (
        insert into group_membership_events (group_id, org_id, user_id, change, cause, occurred_at, evaluation_id)
        select group_id, org_id, user_id, 'removed', 'data_change', now(), evaluation from removed),
    published as (
        insert into public_events (id, aggregatetype, aggregateid, type, payload, org_id, occurred_at)
        select e.id, 'group', e.group_id::text, 'circles.group.member.removed',
            jsonb_build_object('specversion', '1.0', 'id', e.id::text, 'source', '/orgs/' || e.org_id,
                'type', 'circles.group.member.removed', 'subject', e.group_id::text, 'time', at,
                'datacontenttype', 'application/json',
                'data', jsonb_build_object('orgId', e.org_id::text, 'groupId', e.group_id::text, 'userId', e.user_id,
                    'kind', 'dynamic', 'role', 'member', 'status', 'active',
                    'via', case when e.via = 'include' then 'override' else 'dynamic' end,
                    'viaKind', case when e.via = 'include' then 'override' else 'dynamic' end,
                    'viaGroupId', null::text, 'cause', 'data_change', 'evaluationId', evaluation::text)),
            e.org_id, now()
        from (select gen_random_uuid() as id, r.* from removed r) e)
    update groups g set member_count = greatest(g.member_count - r.members, 0)
    from (select group_id, count(*) as members from removed group by group_id) r
    where g.id = r.group_id;
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;
