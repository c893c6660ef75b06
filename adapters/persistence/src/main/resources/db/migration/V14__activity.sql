-- Activity (DESIGN §5): raw events, daily rollups per member, UTC day and type, and each member's latest activity.
--
-- activity_events keeps the events as sent, unique per org by event_id (ingestion is idempotent), for
-- circles.activity.raw-retention-days; ingestion refuses events older than that, so a repeat is always recognised.
-- activity_daily sums them per member, UTC day and type (upserted counters) and is kept for
-- circles.activity.rollup-retention-days. member_activity holds each member's latest event time, for recency.
-- Every row belongs to an org member and goes with them.

create table activity_events (
    org_id      uuid        not null,
    event_id    text        not null,
    user_id     text        not null,
    type        text        not null,
    occurred_at timestamptz not null,
    quantity    integer     not null,
    received_at timestamptz not null,
    constraint activity_events_pkey primary key (org_id, event_id),
    constraint activity_events_member_fk foreign key (org_id, user_id) references org_members (org_id, user_id)
        on delete cascade,
    constraint activity_events_type_check check (type in ('login', 'lesson_progress', 'credit_earned',
        'conversation_started', 'message_sent', 'streak_day', 'collection_item_added')),
    constraint activity_events_quantity_check check (quantity between 1 and 10000)
);
-- The first, partial day of a window is summed from raw events; the member index serves deletions of a member.
create index activity_events_occurred_idx on activity_events (org_id, occurred_at);
create index activity_events_member_idx on activity_events (org_id, user_id, occurred_at);

create table activity_daily (
    org_id   uuid        not null,
    user_id  text        not null,
    day      date        not null,
    type     text        not null,
    events   bigint      not null,
    quantity bigint      not null,
    last_at  timestamptz not null,
    constraint activity_daily_pkey primary key (org_id, user_id, day, type),
    constraint activity_daily_member_fk foreign key (org_id, user_id) references org_members (org_id, user_id)
        on delete cascade,
    constraint activity_daily_type_check check (type in ('login', 'lesson_progress', 'credit_earned',
        'conversation_started', 'message_sent', 'streak_day', 'collection_item_added'))
);
-- Window sums read whole days of an org.
create index activity_daily_day_idx on activity_daily (org_id, day) include (user_id, type, quantity);

create table member_activity (
    org_id         uuid        not null,
    user_id        text        not null,
    last_active_at timestamptz not null,
    constraint member_activity_pkey primary key (org_id, user_id),
    constraint member_activity_member_fk foreign key (org_id, user_id) references org_members (org_id, user_id)
        on delete cascade
);

alter table activity_events enable row level security;
alter table activity_events force row level security;
create policy activity_events_in_scope on activity_events
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table activity_daily enable row level security;
alter table activity_daily force row level security;
create policy activity_daily_in_scope on activity_daily
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

alter table member_activity enable row level security;
alter table member_activity force row level security;
create policy member_activity_in_scope on member_activity
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
