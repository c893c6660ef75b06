-- Recency criteria are absolute (DESIGN §5): an ingestion call puts one org-wide 'activity_recorded' event in the
-- outbox naming the members whose activity it stored, and dynamic groups with recency rules re-check them after the
-- commit like any other directory change.
alter table member_events drop constraint member_events_type_check;
alter table member_events add constraint member_events_type_check
    check (type in ('member_changed', 'members_imported', 'master_data_tree_changed', 'group_membership_changed',
                    'activity_recorded'));
