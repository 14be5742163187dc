-- SAFE equivalent of RENAME COLUMN in db/migration-unsafe/V2 (expand, then contract): add the new column and fill it;
-- this release writes both columns and reads contact_email; the release after it, once no instance reads "email",
-- drops the old column in a migration of its own. The backfill touches each row once; on a large table, run it in
-- batches of ids instead, so no single transaction holds row locks for long.
-- Even a metadata-only ALTER waits for the ACCESS EXCLUSIVE lock, and every query on users queues behind that wait:
-- give up after 5 s (and retry the deploy) rather than stall the application.
SET lock_timeout = '5s';

ALTER TABLE users ADD COLUMN contact_email text;

UPDATE users SET contact_email = email WHERE contact_email IS NULL;
