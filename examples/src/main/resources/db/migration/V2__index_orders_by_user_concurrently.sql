-- SAFE equivalent of the index in db/migration-unsafe/V2: CONCURRENTLY builds the index without blocking writes to
-- orders. It cannot run inside a transaction, so it has a migration of its own (Flyway runs a PostgreSQL script of
-- only non-transactional statements outside a transaction). IF NOT EXISTS lets a retry after a failed build pass;
-- a failed concurrent build leaves an INVALID index to drop first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_status_idx ON orders (user_id, status);
