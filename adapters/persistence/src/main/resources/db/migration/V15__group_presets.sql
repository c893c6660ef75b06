-- Default groups (DESIGN §5): an org has each preset at most once, and only its dynamic groups carry one. The
-- default groups themselves are made by the application (with each new org, by POST /v1/orgs/{orgId}/default-groups
-- and by the seeding run after start-up), never by a migration.
alter table groups
    add constraint groups_preset_check check (preset is null or (
        preset in ('recent_logins', 'no_logins', 'most_active', 'top_learners', 'most_talkative')
        and kind = 'dynamic' and org_id is not null));
-- Also what finds the orgs that lack a preset.
create unique index groups_org_preset_key on groups (org_id, preset) where preset is not null;
