-- SAFE equivalent of ADD COLUMN ... NOT NULL in db/migration-unsafe/V2: with a constant DEFAULT, PostgreSQL 11+
-- adds the column without rewriting the table, existing rows read the default, and the previous release's INSERTs,
-- which do not name the column, still work.
ALTER TABLE users ADD COLUMN loyalty_points int NOT NULL DEFAULT 0;
