-- UNSAFE for a rolling deploy on a table that already has rows. The safe equivalents are in db/migration (V2-V4).
-- QueryLens reports each statement below as an unsafe_migration finding.

-- UNSAFE: CREATE INDEX without CONCURRENTLY holds a SHARE lock on orders until the index is built: every INSERT,
-- UPDATE and DELETE on orders waits (minutes on a large table). Serves countOpenOrdersOfUser (user_id, status).
CREATE INDEX orders_user_id_status_idx ON orders (user_id, status);

-- UNSAFE: a renamed column breaks every running instance of the previous release, which still reads "email".
ALTER TABLE users RENAME COLUMN email TO contact_email;

-- UNSAFE: ADD COLUMN ... NOT NULL without a DEFAULT fails outright on a table that has rows ("column contains null
-- values"), and instances of the previous release cannot insert users without naming the new column.
ALTER TABLE users ADD COLUMN loyalty_points int NOT NULL;
