-- Veneer state, schema version 3: what the janitor needs to collect snapshots safely.
-- (Version 2 holds the intervals of incremental models; this script does not depend on it.)
--
-- last_used_at: epoch milliseconds of the last apply that started with this snapshot in its
-- environment (its own build included). A snapshot expires snapshot_ttl after it, and is protected
-- for a grace period even from 'janitor --ignore-ttl': an apply stores and touches its snapshots
-- before it builds anything, so a version still being built is never collected.
ALTER TABLE veneer_snapshots ADD COLUMN last_used_at BIGINT;
UPDATE veneer_snapshots SET last_used_at = created_at;
