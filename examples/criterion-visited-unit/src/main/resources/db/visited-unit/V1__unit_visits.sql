-- The visited_unit criterion's data: when each user last visited each course unit, per org. Fed by whatever
-- consumes the learning platform's visit events (JdbcUnitVisits.record); read by the criterion one member at a
-- time through the primary key.

create table unit_visits (
    org_id          uuid        not null references orgs (id) on delete cascade,
    unit_id         text        not null,
    user_id         text        not null,
    last_visited_at timestamptz not null,
    constraint unit_visits_pkey primary key (org_id, unit_id, user_id),
    constraint unit_visits_unit_id_length check (char_length(unit_id) between 1 and 200)
);

-- The same second wall as Circles' org tables (its V2): rows of the org the transaction entered, or of every org
-- for the explicitly cross-org paths.
alter table unit_visits enable row level security;
alter table unit_visits force row level security;
create policy unit_visits_in_scope on unit_visits
    using (org_id = (select circles_current_org()) or (select circles_all_orgs()));
