-- Runs once, when the PostgreSQL container initialises an empty data volume.
-- Circles connects as 'circles': not a superuser and not exempt from row-level security. It owns
-- the database (Flyway creates the tables as this role; the migrations FORCE row-level security).
CREATE ROLE circles LOGIN PASSWORD 'circles' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE circles OWNER circles ENCODING 'UTF8';
