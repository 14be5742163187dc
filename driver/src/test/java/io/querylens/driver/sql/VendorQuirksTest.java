package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;

import static io.querylens.driver.sql.Shapes.mysql;
import static io.querylens.driver.sql.Shapes.pg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each vendor's lexical corner, classified three ways: the shape's text (fingerprint), its statement kind, and
 * whether the DDL guard sees DDL in it. Issue "Reliability and security", section "Hostile and odd input".
 */
class VendorQuirksTest {

    @Test
    void postgresEscapeStringWithBackslashQuoteIsOneLiteral() {
        QueryShape shape = pg("select * from t where a = E'it\\'s; drop table t --' and b = 1");
        assertThat(shape.text()).isEqualTo("select * from t where a = ? and b = ?");
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(shape.containsDdl()).isFalse();
        assertThat(pg("select e'\\\\' , E'x'").text()).isEqualTo("select ?, ?");
    }

    @Test
    void postgresStandardStringKeepsBackslashLiteralAndEndsAtTheQuote() {
        // standard_conforming_strings: 'a\' is the string a\ and the statement goes on.
        QueryShape shape = pg("select 'a\\' ; drop table t");
        assertThat(shape.text()).isEqualTo("select ?; drop table t");
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(shape.containsDdl()).isTrue();
    }

    @Test
    void postgresDollarQuotesWithNestedDifferentTagsAreOneLiteral() {
        String body = "$outer$ begin; drop table t; $inner$ ; alter table u $inner$; end $outer$";
        QueryShape shape = pg("select " + body + " from t where id = $1");
        assertThat(shape.text()).isEqualTo("select ? from t where id = ?");
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(shape.containsDdl()).isFalse();
        assertThat(pg("do $$ begin drop table t; end $$").containsDdl()).isFalse();
    }

    @Test
    void postgresFunctionBodyInDollarQuotesIsDdlOnlyThroughItsCreate() {
        QueryShape shape = pg("create function f() returns int as $body$ select 1; $body$ language sql");
        assertThat(shape.text()).isEqualTo("create function f () returns int as ? language sql");
        assertThat(shape.kind()).isEqualTo(StatementKind.DDL);
        assertThat(shape.containsDdl()).isTrue();
    }

    @Test
    void postgresJsonOperatorsAreOperatorsNotBindMarkers() {
        QueryShape anyKey = pg("select * from docs where data ?| array['a', 'b'] and data ?& array['c'] and id = ?");
        assertThat(anyKey.text())
                .isEqualTo("select * from docs where data ?| array [?, ?] and data ?& array [?] and id = ?");
        assertThat(anyKey.placeholderCount()).isEqualTo(1);
        assertThat(anyKey.kind()).isEqualTo(StatementKind.SELECT);
        // pgjdbc's escaped forms ?? and ??| reach the server as ? and ?|.
        assertThat(pg("select * from docs where data ?? 'k' and data ??| array['x']").placeholderCount()).isZero();
        // A marker followed by string concatenation stays a marker.
        assertThat(pg("select ?||'x'").placeholderCount()).isEqualTo(1);
    }

    @Test
    void mysqlBackticksAroundSimpleNamesAreDroppedAndOthersKept() {
        QueryShape shape = mysql("SELECT `id`, `Order Date` FROM `shop`.`orders` WHERE `status` = 'open'");
        assertThat(shape.text()).isEqualTo("select id, `Order Date` from shop.orders where status = ?");
        assertThat(shape.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(mysql("select * from t where a = ?").id()).isEqualTo(mysql("select * from `t` where `a` = ?").id());
        // A backtick identifier holding a semicolon and a keyword is neither a separator nor DDL.
        QueryShape odd = mysql("select `x; drop table t` from t");
        assertThat(odd.containsDdl()).isFalse();
        assertThat(odd.kind()).isEqualTo(StatementKind.SELECT);
    }

    @Test
    void mysqlHashCommentsHideWhatFollowsOnTheirLineOnly() {
        QueryShape shape = mysql("select a # ; drop table t\nfrom t where b = 1");
        assertThat(shape.text()).isEqualTo("select a from t where b = ?");
        assertThat(shape.containsDdl()).isFalse();
        QueryShape secondLine = mysql("# header\ndrop table t");
        assertThat(secondLine.kind()).isEqualTo(StatementKind.DDL);
        // Outside MySQL, # is an operator (PostgreSQL: bitwise xor), not a comment.
        assertThat(pg("select 5 # 3").text()).isEqualTo("select ? # ?");
    }

    /**
     * MySQL and MariaDB run the content of {@code /*! … *}{@code /} (and MariaDB {@code /*M! … *}{@code /}) when the
     * server's version is at least the number after the {@code !}. We cannot know that version while fingerprinting,
     * so we classify as if it runs: a hinted ALTER is DDL and block mode refuses it. The other choice would let
     * {@code /*!50000 DROP TABLE t *}{@code /} through the guard on every real server. mysqldump's
     * {@code /*!40101 SET … *}{@code /} lines stay what they are: SET, not DDL.
     */
    @Test
    void mysqlExecutableHintsAreClassifiedByTheirContentBecauseTheServerRunsIt() {
        QueryShape alter = mysql("/*!50000 ALTER TABLE t ADD COLUMN c int */");
        assertThat(alter.text()).isEqualTo("alter table t add column c int");
        assertThat(alter.kind()).isEqualTo(StatementKind.DDL);
        assertThat(alter.containsDdl()).isTrue();
        assertThat(mysql("/*M!100100 DROP TABLE t */").containsDdl()).isTrue();
        assertThat(mysql("select 1 /*!50000 ; drop table t */").containsDdl()).isTrue();
        assertThat(mysql("/*!40101 SET NAMES utf8mb4 */").containsDdl()).isFalse();
        assertThat(mysql("SELECT /*!40001 SQL_NO_CACHE */ * FROM t").text()).isEqualTo("select sql_no_cache * from t");
        // A plain comment is never run, in any dialect.
        assertThat(mysql("select 1 /* ; drop table t */").containsDdl()).isFalse();
        // PostgreSQL has no executable hints: the same text is a comment there.
        assertThat(pg("/*!50000 ALTER TABLE t ADD COLUMN c int */ select 1").containsDdl()).isFalse();
    }

    @Test
    void multiStatementTextKeepsTheFirstKindButContainsLaterDdl() {
        for (Dialect dialect : Dialect.values()) {
            QueryShape shape = Fingerprinter.fingerprint("select 1; drop table x", dialect);
            assertThat(shape.kind()).as(dialect.name()).isEqualTo(StatementKind.SELECT);
            assertThat(shape.containsDdl()).as(dialect.name()).isTrue();
            assertThat(shape.text()).isEqualTo("select ?; drop table x");
        }
        assertThat(pg("insert into t values (1); update t set a = 2; truncate t").containsDdl()).isTrue();
        assertThat(pg("select 1; select 2;").containsDdl()).isFalse();
        assertThat(pg("select 1; create temp table x (a int); drop table x").containsDdl()).isTrue();
        assertThat(pg("select 1; create temp table x (a int)").containsDdl()).isFalse();
        assertThat(pg("select ';drop table x'; select 2").containsDdl()).isFalse();
        assertThat(pg("select 1 -- ; drop table x").containsDdl()).isFalse();
        assertThat(pg("select 1; with d as (delete from t returning *) select * from d").containsDdl()).isFalse();
        assertThat(pg("select 1;;; ((alter table t add c int))").containsDdl()).isTrue();
    }

    @Test
    void singleStatementsContainDdlExactlyWhenTheirKindIsDdl() {
        assertThat(pg("drop table t").containsDdl()).isTrue();
        assertThat(pg("select 1").containsDdl()).isFalse();
        assertThat(pg("select 1;").containsDdl()).isFalse();
        assertThat(pg("create temporary table t (a int)").containsDdl()).isFalse();
    }
}
