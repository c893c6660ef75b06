-- Refresh claims with a holder and a short, renewed lease (docs/adr/0011). A claim of a dynamic group is a row here:
-- the claimer's token (holder), when it was claimed and until when it holds unless renewed (expires_at). Its
-- instance extends expires_at while the evaluation runs; once it has passed (the instance died), another claimer
-- may take the group over, and the former holder can neither renew nor release it any more. The evaluation block on
-- groups (evaluation_status, evaluation_started_at) still says what the API shows; the lease lives in this table so
-- that renewing it never touches the groups row, which an evaluation locks while it writes the group's members.
create table refresh_claims (
    group_id   uuid        primary key,
    org_id     uuid        not null,
    holder     uuid        not null,
    claimed_at timestamptz not null,
    expires_at timestamptz not null,
    constraint refresh_claims_group_fk foreign key (group_id, org_id) references groups (id, org_key)
        on delete cascade
);

alter table refresh_claims enable row level security;
alter table refresh_claims force row level security;
create policy refresh_claims_in_scope on refresh_claims
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));

-- Groups being evaluated while this runs keep the protection their claim had: until 10 minutes after its start.
select set_config('circles.scope', 'all', true);
insert into refresh_claims (group_id, org_id, holder, claimed_at, expires_at)
select id, org_id, gen_random_uuid(), evaluation_started_at, evaluation_started_at + interval '10 minutes'
from groups
where kind = 'dynamic' and evaluation_status = 'evaluating' and evaluation_started_at is not null
  and org_id is not null;
select set_config('circles.scope', '', true);
