-- SAFE equivalent of ADD COLUMN ... NOT NULL in db/migration-unsafe/V2: with a constant DEFAULT, PostgreSQL 11+
-- adds the column without rewriting the table, existing rows read the default, and the previous release's INSERTs,
-- which do not name the column, still work.
-- Even a metadata-only ALTER waits for the ACCESS EXCLUSIVE lock, and every query on users queues behind that wait:
-- give up after 5 s (and retry the deploy) rather than stall the application.
SET lock_timeout = '5s';

ALTER TABLE users ADD COLUMN loyalty_points int NOT NULL DEFAULT 0;
