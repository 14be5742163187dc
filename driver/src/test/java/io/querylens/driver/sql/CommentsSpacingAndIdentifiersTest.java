package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommentsSpacingAndIdentifiersTest {

    private static String pg(String sql) {
        return Fingerprinter.fingerprint(sql, Dialect.POSTGRESQL).text();
    }

    private static String mysql(String sql) {
        return Fingerprinter.fingerprint(sql, Dialect.MYSQL).text();
    }

    @Test
    void mysqlBacktickedNamesEqualPlainNames() {
        QueryShape quoted = Fingerprinter.fingerprint("SELECT * FROM `users` WHERE `id` = ?", Dialect.MYSQL);
        QueryShape plain = Fingerprinter.fingerprint("select * from users where id=?", Dialect.MYSQL);
        assertThat(quoted.id()).isEqualTo(plain.id());
        assertThat(quoted.text()).isEqualTo("select * from users where id = ?");
    }

    @Test
    void mysqlBackticksStayWhenTheNameNeedsThem() {
        assertThat(mysql("SELECT `order id`, `1x`, `Name` FROM t")).isEqualTo("select `order id`, `1x`, name from t");
    }

    @Test
    void postgresqlLowerCaseQuotedNamesEqualPlainNames() {
        assertThat(pg("select \"id\" from \"users\"")).isEqualTo("select id from users");
    }

    @Test
    void postgresqlQuotedNamesKeepTheirCase() {
        assertThat(pg("SELECT \"UserId\", \"with space\" FROM \"Users\""))
                .isEqualTo("select \"UserId\", \"with space\" from \"Users\"");
    }

    @Test
    void unquotedWordsAreLowerCased() {
        assertThat(pg("SELECT Name FROM Users WHERE Id = 1")).isEqualTo("select name from users where id = ?");
    }

    @Test
    void spacingFollowsOneRuleWhateverTheInput() {
        String canonical = "select t.a, count (*) from t where (id = ?) and x::int >= ?";
        assertThat(pg("select t.a,count(*) from t where(id=?)and x::int>=?")).isEqualTo(canonical);
        assertThat(pg("  select\n\tt . a ,\r\n count ( * )  from t   where ( id = ? ) and x :: int >= ?  "))
                .isEqualTo(canonical);
    }

    @Test
    void trailingSemicolonsDoNotMatter() {
        assertThat(pg("select 1;")).isEqualTo(pg("select 1"));
        assertThat(pg("select 1 ; ; ")).isEqualTo("select ?");
    }

    @Test
    void lineAndBlockCommentsAreDropped() {
        assertThat(pg("-- leading\nselect /* inline */ a -- trailing\nfrom t")).isEqualTo("select a from t");
    }

    @Test
    void postgresqlBlockCommentsNest() {
        assertThat(pg("select /* outer /* inner */ still comment */ a from t")).isEqualTo("select a from t");
    }

    @Test
    void mysqlBlockCommentsDoNotNest() {
        assertThat(mysql("select /* outer /* inner */ a from t")).isEqualTo("select a from t");
    }

    @Test
    void mysqlHashStartsAComment() {
        assertThat(mysql("SELECT a # the column\nFROM t")).isEqualTo("select a from t");
    }

    @Test
    void postgresqlHashIsAnOperator() {
        assertThat(pg("select a # b from t")).isEqualTo("select a # b from t");
    }

    @Test
    void mysqlDoubleDashNeedsASpaceToStartAComment() {
        assertThat(mysql("SELECT 5--1")).isEqualTo("select ? - ?");
        assertThat(mysql("SELECT 5 -- 1")).isEqualTo("select ?");
    }

    @Test
    void mysqlExecutableHintsKeepTheirContentAsSql() {
        assertThat(mysql("SELECT /*! STRAIGHT_JOIN */ a FROM t")).isEqualTo("select straight_join a from t");
        assertThat(mysql("/*!40101 SET NAMES utf8mb4 */")).isEqualTo("set names utf8mb4");
        assertThat(mysql("CREATE TABLE t (a int) /*!50100 ENGINE=InnoDB */"))
                .isEqualTo("create table t (a int) engine = innodb");
        assertThat(mysql("/*M!100100 SELECT 1 */")).isEqualTo("select ?");
    }

    @Test
    void mysqlOptimizerHintsAreComments() {
        assertThat(mysql("SELECT /*+ MAX_EXECUTION_TIME(1000) */ a FROM t")).isEqualTo("select a from t");
    }

    @Test
    void commentMarkersInsideStringsAreNotComments() {
        assertThat(pg("select '-- no', '/* no */' from t")).isEqualTo("select ?, ? from t");
        assertThat(mysql("select '# no' from t")).isEqualTo("select ? from t");
    }

    @Test
    void multiStatementStringsAreOneShape() {
        assertThat(mysql("UPDATE t SET a = 1; DELETE FROM u WHERE b = 'x'"))
                .isEqualTo("update t set a = ?; delete from u where b = ?");
    }
}
