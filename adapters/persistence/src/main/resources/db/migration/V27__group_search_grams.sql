-- Substring search of groups served by an index, under row-level security.
--
-- The group list's text filter matches groups whose name, slug or description contains the query (LIKE
-- '%text%', case-insensitive). Under the forced row-level security of groups, PostgreSQL evaluates the policy
-- before any condition that is not leakproof, and LIKE and every pg_trgm operator are not: a trigram index on
-- groups is never used, and each search reads every group of the org. Marking them leakproof needs a superuser,
-- and a SECURITY DEFINER function does not help: the application's role owns the tables and FORCE applies the
-- policies to the owner too.
--
-- What is leakproof is text equality. So each group's searchable text is kept as the set of its distinct 3-character
-- substrings ("grams") in group_search_grams, one row per (group, gram), itself under forced row-level security with
-- the same policy as groups. A search for a text of 3 or more characters first takes the groups holding every gram of
-- the text (equality conditions the index answers, policy applied), then the usual statement over groups, policy and
-- LIKE included, checks those few candidates. The grams only narrow the candidates: the result is decided by the same
-- LIKE as before. A text of 1 or 2 characters has no gram; it is matched by reading the org's groups, as before.
--
-- The grams of a group are those of lower(name), of slug and of lower(description), the exact values the LIKE
-- compares; any value containing the text contains every gram of the text. Statement-level triggers keep the table in
-- step with inserts and deletes of groups, a row-level trigger with updates of the searched columns, in the same
-- transaction. They act for every org (as the member-count triggers do), then restore the cross-org setting.

-- The distinct 3-character substrings of a value (none for a value shorter than 3 characters, null for null).
create function circles_grams(value text) returns text[]
    language sql immutable strict parallel safe
    as $$ select coalesce(array_agg(distinct substr(value, i, 3)), '{}')
          from generate_series(1, length(value) - 2) i $$;

-- The grams of the literal of a "contains" LIKE pattern: '%' || literal || '%', with '\' escaping '\', '%', '_'.
-- The pattern is the one the search compares (already lower-cased), so the grams are those of exactly what it matches.
create function circles_like_grams(pattern text) returns text[]
    language sql immutable strict parallel safe
    as $$ select circles_grams(regexp_replace(substr(pattern, 2, length(pattern) - 2), '\\(.)', '\1', 'g')) $$;

-- The grams a group is found by: those of every value its text filter compares.
create function circles_group_grams(name text, slug text, description text) returns setof text
    language sql immutable parallel safe
    as $$ select distinct substr(v, i, 3)
          from unnest(array[lower(name), slug, lower(description)]) v, generate_series(1, length(v) - 2) i $$;

-- One row per (group, gram): the grams of a group are distinct. The one index serves the search (groups holding a
-- gram, within an org or across orgs, from the index alone) and the triggers, which find a group's rows again by the
-- grams of its old values. A second index on group_id would double the cost of every group write.
create table group_search_grams (
    group_id uuid not null,
    org_id   uuid,
    gram     text not null
);
create index group_search_grams_gram_idx on group_search_grams (gram, org_id, group_id);

alter table group_search_grams enable row level security;
alter table group_search_grams force row level security;
create policy group_search_grams_in_scope on group_search_grams
    using (org_id is null or org_id = (select circles_current_org()) or (select circles_all_orgs()));

create function circles_groups_grams_changed() returns trigger
    language plpgsql
    as $$
declare
    previous text;
begin
    if TG_OP = 'INSERT' then
        -- A new group's rows are in the group's org, which the insert of the group itself was allowed to write.
        insert into group_search_grams (group_id, org_id, gram)
            select n.id, n.org_id, x.gram
            from added_groups n cross join lateral circles_group_grams(n.name, n.slug, n.description) x(gram);
    else
        previous := current_setting('circles.scope', true);
        perform set_config('circles.scope', 'all', true);
        -- Org groups, then standalone ones: both forms are conditions of the index (gram, org_id, group_id).
        delete from group_search_grams s
            using removed_groups r cross join lateral circles_group_grams(r.name, r.slug, r.description) x(gram)
            where r.org_id is not null and s.gram = x.gram and s.org_id = r.org_id and s.group_id = r.id;
        delete from group_search_grams s
            using removed_groups r cross join lateral circles_group_grams(r.name, r.slug, r.description) x(gram)
            where r.org_id is null and s.gram = x.gram and s.org_id is null and s.group_id = r.id;
        perform set_config('circles.scope', coalesce(previous, ''), true);
    end if;
    return null;
end
$$;

create function circles_group_grams_updated() returns trigger
    language plpgsql
    as $$
declare
    previous text := current_setting('circles.scope', true);
begin
    perform set_config('circles.scope', 'all', true);
    if old.org_id is null then
        delete from group_search_grams s using circles_group_grams(old.name, old.slug, old.description) x(gram)
            where s.gram = x.gram and s.org_id is null and s.group_id = old.id;
    else
        delete from group_search_grams s using circles_group_grams(old.name, old.slug, old.description) x(gram)
            where s.gram = x.gram and s.org_id = old.org_id and s.group_id = old.id;
    end if;
    insert into group_search_grams (group_id, org_id, gram)
        select new.id, new.org_id, x.gram from circles_group_grams(new.name, new.slug, new.description) x(gram);
    perform set_config('circles.scope', coalesce(previous, ''), true);
    return null;
end
$$;

create trigger groups_grams_inserted after insert on groups
    referencing new table as added_groups for each statement execute function circles_groups_grams_changed();
create trigger groups_grams_deleted after delete on groups
    referencing old table as removed_groups for each statement execute function circles_groups_grams_changed();
create trigger groups_grams_updated after update of name, slug, description, org_id on groups
    for each row
    when (old.name is distinct from new.name or old.slug is distinct from new.slug
          or old.description is distinct from new.description or old.org_id is distinct from new.org_id)
    execute function circles_group_grams_updated();

-- The grams of the groups that exist now (the migration sees every org).
select set_config('circles.scope', 'all', true);
insert into group_search_grams (group_id, org_id, gram)
    select g.id, g.org_id, x.gram from groups g cross join lateral circles_group_grams(g.name, g.slug, g.description) x(gram);
select set_config('circles.scope', '', true);
