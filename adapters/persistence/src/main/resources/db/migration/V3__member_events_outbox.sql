-- The outbox of directory change events (MemberChanged, MembersImported): written in the transaction of the change,
-- delivered to the consumers right after commit, and again by the redelivery job until a delivery succeeds.
--
-- Events of one member (member_key: the user id; '' for org-wide events such as an import) are delivered in the
-- order of seq: an event waits while an earlier one of the same member is pending. A failed delivery is retried
-- after a growing delay (next_attempt_at); after too many attempts the event is parked and no longer holds back the
-- later ones. Handled events are deleted after a retention period.
--
-- The payload holds profile data, so the table is org data under row-level security like the others.

create table member_events (
    id              uuid        primary key,
    seq             bigint      generated always as identity,
    org_id          uuid        not null references orgs (id),
    member_key      text        not null,
    type            text        not null,
    payload         jsonb       not null,
    occurred_at     timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    handled_at      timestamptz,
    parked_at       timestamptz,
    constraint member_events_seq_key unique (seq),
    constraint member_events_type_check check (type in ('member_changed', 'members_imported')),
    constraint member_events_payload_check check (jsonb_typeof(payload) = 'object')
);
-- The queue of each member (head first) and the due events of every queue.
create index member_events_queue_idx on member_events (org_id, member_key, seq)
    where handled_at is null and parked_at is null;
create index member_events_due_idx on member_events (next_attempt_at, seq)
    where handled_at is null and parked_at is null;
create index member_events_handled_idx on member_events (handled_at) where handled_at is not null;

alter table member_events enable row level security;
alter table member_events force row level security;
create policy member_events_in_scope on member_events
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
