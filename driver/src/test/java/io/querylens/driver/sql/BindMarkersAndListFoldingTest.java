package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;

import static io.querylens.driver.sql.Shapes.mysql;
import static io.querylens.driver.sql.Shapes.pg;
import static org.assertj.core.api.Assertions.assertThat;

class BindMarkersAndListFoldingTest {

    @Test
    void postgresqlNumberedMarkersEqualJdbcMarkers() {
        assertThat(pg("select * from users where id = $1").id())
                .isEqualTo(pg("SELECT * FROM users WHERE id = ?").id());
        assertThat(pg("select * from t where a = $1 and b = $12").text()).isEqualTo("select * from t where a = ? and b = ?");
    }

    @Test
    void genericDialectAlsoReadsNumberedMarkers() {
        assertThat(Fingerprinter.fingerprint("select * from t where a = $2", Dialect.GENERIC).text())
                .isEqualTo("select * from t where a = ?");
    }

    @Test
    void postgresqlJsonQuestionMarkOperatorsStayOperators() {
        QueryShape shape = pg("select * from t where tags ?| array[?] and tags ?& ? and tags ?? 'k'");
        assertThat(shape.text()).isEqualTo("select * from t where tags ?| array [?] and tags ?& ? and tags ?? ?");
        assertThat(shape.placeholderCount()).isEqualTo(2);
    }

    @Test
    void questionMarkBeforeConcatenationIsAMarker() {
        assertThat(pg("select ?||'x'").text()).isEqualTo("select ? || ?");
    }

    @Test
    void mysqlQuestionMarksAreAlwaysMarkers() {
        assertThat(mysql("SELECT ?|?").text()).isEqualTo("select ? | ?");
    }

    @Test
    void inListsOfAnyLengthShareOneShape() {
        QueryShape one = pg("select * from t where id in (?)");
        QueryShape three = pg("select * from t where id in (?, ?, ?)");
        QueryShape literals = pg("select * from t where id IN (1,2,'x')");
        assertThat(one.text()).isEqualTo("select * from t where id in (?)");
        assertThat(three.id()).isEqualTo(one.id());
        assertThat(literals.id()).isEqualTo(one.id());
        assertThat(pg("select * from t where id not in ($1, $2)").text()).isEqualTo("select * from t where id not in (?)");
    }

    @Test
    void mysqlDigestInListEqualsTheApplicationsShape() {
        QueryShape digest = mysql("SELECT * FROM `t` WHERE `id` IN (...)");
        assertThat(digest.id()).isEqualTo(mysql("select * from t where id in (?, ?, ?)").id());
        assertThat(digest.inList()).isTrue();
    }

    @Test
    void inListsHoldingExpressionsAreNotFolded() {
        assertThat(pg("select * from t where a in (?, b)").text()).isEqualTo("select * from t where a in (?, b)");
        assertThat(pg("select * from t where a in (select id from u)").text())
                .isEqualTo("select * from t where a in (select id from u)");
        assertThat(pg("select * from t where (a, b) in ((1, 2), (3, 4))").text())
                .isEqualTo("select * from t where (a, b) in ((?, ?), (?, ?))");
        assertThat(pg("select * from t where a in ()").text()).isEqualTo("select * from t where a in ()");
    }

    @Test
    void unterminatedInListWritesBackWhatItHeld() {
        assertThat(pg("select * from t where a in (1, 2,").text()).isEqualTo("select * from t where a in (?, ?,");
    }

    @Test
    void multiRowValuesOfLiteralsKeepOneRow() {
        QueryShape three = pg("insert into t (a, b) values (1, 'x'), (?, ?), ($3, $4)");
        assertThat(three.text()).isEqualTo("insert into t (a, b) values (?, ?)");
        assertThat(three.id()).isEqualTo(pg("INSERT INTO t (a,b) VALUES (?,?)").id());
        assertThat(three.multiRowValues()).isTrue();
        assertThat(pg("insert into t (a, b) values (?, ?)").multiRowValues()).isFalse();
    }

    @Test
    void mysqlMultiRowInsertFoldsWithBackticksAndTrailingSemicolon() {
        assertThat(mysql("INSERT INTO `t` (`a`) VALUES (1),(2),(3);").text()).isEqualTo("insert into t (a) values (?)");
    }

    @Test
    void valuesRowsWithExpressionsAreKept() {
        assertThat(pg("insert into t values (now(), 1), (?, ?)").text())
                .isEqualTo("insert into t values (now (), ?), (?, ?)");
        assertThat(pg("insert into t values (1, 2), (now(), 3), (4, 5)").text())
                .isEqualTo("insert into t values (?, ?), (now (), ?)");
        assertThat(pg("insert into t values (1, 2), (3)").text()).isEqualTo("insert into t values (?, ?), (?)");
    }

    @Test
    void valuesFoldingKeepsWhatFollowsTheList() {
        assertThat(pg("insert into t values (1), (2) on conflict (id) do nothing returning id").text())
                .isEqualTo("insert into t values (?) on conflict (id) do nothing returning id");
    }

    @Test
    void standaloneValuesListFoldsButIsNotAMultiRowInsert() {
        QueryShape shape = pg("values (1), (2)");
        assertThat(shape.text()).isEqualTo("values (?)");
        assertThat(shape.multiRowValues()).isFalse();
    }

    @Test
    void placeholderCountIsTakenBeforeFolding() {
        assertThat(pg("select * from t where id in (?, ?, ?) and x = $1").placeholderCount()).isEqualTo(4);
        assertThat(mysql("insert into t values (?, ?), (?, ?)").placeholderCount()).isEqualTo(4);
        assertThat(pg("select 1").placeholderCount()).isZero();
    }
}
