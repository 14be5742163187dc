package io.querylens.driver.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatementKindTest {

    /** CSV rows cannot hold line breaks, so they write a backslash and n. */
    private static StatementKind kindOf(String sql, Dialect dialect) {
        return Fingerprinter.fingerprint(sql.replace("\\n", "\n"), dialect).kind();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "select 1|SELECT",
            "  -- comment\\n /* block */ SELECT 1|SELECT",
            "((select 1) union (select 2))|SELECT",
            "with x as (select 1) select * from x|SELECT",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r|SELECT",
            "values (1), (2)|SELECT",
            "table users|SELECT",
            "show tables|SELECT",
            "with x as (select 1) insert into t select * from x|INSERT",
            "with x as (select id from t) update t set a = 1 where id in (select id from x)|UPDATE",
            "with x as (delete from t returning id) delete from u|DELETE",
            "insert into t values (1)|INSERT",
            "update t set a = 1|UPDATE",
            "delete from t|DELETE",
            "merge into t using s on (t.id = s.id) when matched then update set a = 1|OTHER_WRITE",
            "replace into t values (1)|OTHER_WRITE",
            "upsert into t values (1)|OTHER_WRITE",
            "create table t (id int)|DDL",
            "create unique index i on t (a)|DDL",
            "create or replace view v as select 1|DDL",
            "alter table t add column c int|DDL",
            "drop table t|DDL",
            "truncate table t|DDL",
            "rename table a to b|DDL",
            "comment on column t.a is 'x'|DDL",
            "grant select on t to u|DDL",
            "revoke select on t from u|DDL",
            "vacuum full t|DDL",
            "vacuum (full, analyze) t|DDL",
            "vacuum (verbose, full true) t|DDL",
            "cluster t using i|DDL",
            "create temp table t (id int)|OTHER",
            "CREATE TEMPORARY TABLE t (id int)|OTHER",
            "create local temporary table t (id int)|OTHER",
            "create global temp table t (id int)|OTHER",
            "create or replace temp view v as select 1|OTHER",
            "drop temporary table t|OTHER",
            "set search_path = x|OTHER",
            "analyze t|OTHER",
            "vacuum t|OTHER",
            "vacuum analyze t|OTHER",
            "vacuum (full false) t|OTHER",
            "discard all|OTHER",
            "prepare p as select 1|OTHER",
            "explain select 1|OTHER",
            "begin|OTHER",
            "commit|OTHER",
            "lock table t in exclusive mode|OTHER",
            "call p(1)|CALL",
            "{call p(?)}|CALL",
            "{ ? = call f(?) }|CALL",
            "''|OTHER",
            "select 1; drop table t|SELECT",
            "drop table t; select 1|DDL",
    })
    void kindComesFromTheLeadingKeywords(String sql, StatementKind expected) {
        assertThat(kindOf(sql, Dialect.POSTGRESQL)).isEqualTo(expected);
        assertThat(kindOf(sql, Dialect.MYSQL)).isEqualTo(expected);
        assertThat(kindOf(sql, Dialect.GENERIC)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/*!40101 SET NAMES utf8 */|OTHER",
            "/*!50503 CREATE TABLE t (a int) */|DDL",
            "# comment\\nINSERT INTO t VALUES (1)|INSERT",
    })
    void mysqlHintsAndHashCommentsAreSeenThrough(String sql, StatementKind expected) {
        assertThat(kindOf(sql, Dialect.MYSQL)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void quotedIdentifiersAreNeverKeywords(Dialect dialect) {
        String quote = dialect == Dialect.MYSQL ? "`" : "\"";
        assertThat(kindOf(quote + "Drop" + quote, dialect)).isEqualTo(StatementKind.OTHER);
    }
}
