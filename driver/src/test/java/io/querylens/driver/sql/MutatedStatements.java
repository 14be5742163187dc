package io.querylens.driver.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Random;

/**
 * Real statements of both dialects (the kinds QueryLens sees from ORMs, migrations and hand-written JDBC), and
 * mutations of them: a char inserted, deleted or duplicated, a span duplicated or swapped, the text truncated. Shared
 * by the fuzz tests of the fingerprinter, the DDL guard and linter, and the JSqlParser-based analysis.
 */
public final class MutatedStatements {
    public static final List<String> CORPUS = List.of(
            "select u.id, u.email from users u join orders o on o.user_id = u.id where u.organization_id = ? and o.status = 'open' order by o.created_at desc limit 20",
            "SELECT * FROM \"Orders\" WHERE total > 10.5e3 AND note ILIKE '%x%' OFFSET 5",
            "select data->>'name', data ?| array['a','b'], data ?& array['c'] from docs where id = $1",
            "select E'it\\'s', U&'d\\0061t', B'101', X'ff', $$dollar ' quoted$$, $tag$ nested $x$ inner $x$ $tag$",
            "with recent as (select id from events where created_at > now() - interval '1 day') delete from events e using recent r where e.id = r.id",
            "update accounts set balance = balance - 100, version = version + 1 where id = 42 and version = 7",
            "insert into line_items (order_id, sku, qty) values (1, 'a', 2), (1, 'b', 3), (2, 'c', -1) on conflict (order_id, sku) do update set qty = excluded.qty",
            "INSERT INTO `shop`.`orders` (`id`, `note`) VALUES (1, 'it''s'), (2, \"dq \\\" str\") ON DUPLICATE KEY UPDATE `note` = VALUES(`note`)",
            "SELECT /*+ INDEX(o idx) */ o.* FROM orders o FORCE INDEX (idx) WHERE o.a = ? LIMIT 10, 20 # trailing comment",
            "/*!40101 SET NAMES utf8mb4 */",
            "/*!50000 ALTER TABLE t ADD COLUMN c int */",
            "select 1; drop table x",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (lower(email)) WHERE deleted_at IS NULL",
            "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new', ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
            "ALTER TABLE users RENAME COLUMN name TO full_name",
            "ALTER TABLE `orders` ADD INDEX idx (a, b), ALGORITHM=INPLACE, LOCK=NONE",
            "create or replace function f(a int) returns int language plpgsql as $body$ begin return a; end $body$",
            "DROP TABLE IF EXISTS scratch CASCADE; VACUUM (FULL, ANALYZE) big; CLUSTER big USING big_pkey",
            "create temporary table tmp_ids (id bigint) on commit drop",
            "{? = call compute_total(?, ?)}",
            "select case when a between -1 and +1 then 'x' else null end, cast(b as numeric(10,2)), c::text[] from t where d in (1, 2, 3) and e not in (select f from g)",
            "select count(*) filter (where x) over (partition by y order by z rows between unbounded preceding and current row) from w",
            "SET lock_timeout = '5s'; ALTER TABLE t ALTER COLUMN c TYPE bigint; RESET lock_timeout",
            "-- leading comment\n/* block /* nested */ still */ select 1 -- querylens:allow n_plus_one\n",
            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO querylens_ro");

    /** Chars that open, close or escape lexical constructs, plus a few that are awkward in UTF-16. */
    private static final String NASTY = "'\"`$?;-/*#()\\\n eE:&|!0\u0000\u2028\uD800\uDC00\uD83D\uDE00";

    private MutatedStatements() {
    }

    /** A corpus statement after 0 to 8 random mutations. */
    public static Arbitrary<String> mutated() {
        return Combinators.combine(Arbitraries.of(CORPUS), Arbitraries.integers().between(0, 8),
                Arbitraries.longs()).as(MutatedStatements::mutate);
    }

    public static String mutate(String statement, int mutations, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(statement);
        for (int m = 0; m < mutations; m++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(6)) {
                case 0 -> text.insert(at, NASTY.charAt(random.nextInt(NASTY.length())));
                case 1 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (text.length() > 0) {
                        text.insert(at, text.charAt(at));
                    }
                }
                case 3 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(20));
                    text.insert(at, text.substring(at, end));
                }
                case 4 -> text.setLength(at);
                default -> {
                    int other = text.length() == 0 ? 0 : random.nextInt(text.length());
                    if (at != other) {
                        char a = text.charAt(at);
                        text.setCharAt(at, text.charAt(other));
                        text.setCharAt(other, a);
                    }
                }
            }
        }
        return text.toString();
    }
}
