-- A SCIM DELETE of a user removes it from the provider's view (RFC 7644 §3.6): every later SCIM operation on it
-- answers 404, queries no longer return it, and its userName is free for another user. Inside Circles the member may
-- be kept (deactivated, with its memberships and history), so its scim_users row stays with deleted_at set: the
-- externalId it keeps lets the provider bring the same member back by creating it again, which clears deleted_at.
-- A member that was never provisioned gets a row (its userId as userName) when the provider deletes it.
alter table scim_users add column deleted_at timestamptz;

drop index scim_users_user_name_key;
create unique index scim_users_user_name_key on scim_users (org_id, user_name_key) where deleted_at is null;
