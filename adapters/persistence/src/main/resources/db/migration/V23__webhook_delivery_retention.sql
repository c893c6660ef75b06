-- Finished webhook deliveries (delivered, or failed for good) are purged once older than their retention, oldest
-- first, in slices: this index finds them without reading the pending ones or the whole table.
create index webhook_deliveries_finished_idx on webhook_deliveries (updated_at) where status <> 'pending';
