-- Member import, data quality and the org chart.
--
-- pg_trgm gives similarity(), with which the data-quality report suggests the nearest master-data entries for a
-- profile value that names none ("Engneering" -> "engineering"). It is a trusted extension: the database owner
-- may create it without being a superuser. A production PostgreSQL must offer it (the contrib package).
create extension if not exists pg_trgm;

-- An import matches rows without a userId to members by email, compared case-insensitively.
create index org_members_email_idx on org_members (org_id, lower(email)) where email is not null;

-- The org chart: the top of the reporting lines (members without a manager), in userId order.
create index org_members_top_idx on org_members (org_id, user_id) where manager_id is null;

-- The org chart and the data-quality report count members per department.
create index org_members_department_idx on org_members (org_id, department) where department is not null;
