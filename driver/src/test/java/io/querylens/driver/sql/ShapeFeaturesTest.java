package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.querylens.driver.sql.Shapes.pg;
import static org.assertj.core.api.Assertions.assertThat;

class ShapeFeaturesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "select * from t limit 10",
            "SELECT * FROM t LIMIT ?, ?",
            "select * from t order by id offset 20",
            "select * from t fetch first 5 rows only",
            "select * from t offset 5 rows fetch next 5 rows only",
            "select top 10 * from t",
            "select distinct top 3 a from t",
    })
    void pagingClausesMarkTheShapePaged(String sql) {
        assertThat(pg(sql).paged()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select * from t where id = ?", "select top from t", "select fetch from t"})
    void statementsWithoutPagingAreNotPaged(String sql) {
        assertThat(pg(sql).paged()).isFalse();
    }

    @Test
    void foldedInListIsReported() {
        assertThat(pg("select * from t where id in (?, ?)").inList()).isTrue();
        assertThat(pg("select * from t where id = ?").inList()).isFalse();
        assertThat(pg("select * from t where id in (select 1)").inList()).isFalse();
    }

    @Test
    void multiRowValuesCountsEvenUnfoldedRows() {
        assertThat(pg("insert into t values (now()), (now())").multiRowValues()).isTrue();
        assertThat(pg("insert into t values (now())").multiRowValues()).isFalse();
    }

    @Test
    void allowCommentsInAnyFormAreCollectedInLowerCase() {
        QueryShape shape = pg("/* querylens:allow n_plus_one */ select 1 -- QueryLens:Allow Rename_Column, drop_column\n"
                + "# not a mysql comment here");
        assertThat(shape.allowedFindingKinds()).containsExactly("n_plus_one", "rename_column", "drop_column");
        assertThat(shape.allows("n_plus_one")).isTrue();
        assertThat(shape.allows("unindexed_predicate")).isFalse();
        assertThat(shape.text()).isEqualTo("select ? # not a mysql comment here");
    }

    @Test
    void allowNamesMaySeparateBySpacesAndRepeat() {
        QueryShape shape = Fingerprinter.fingerprint(
                "ALTER TABLE t DROP COLUMN c # querylens:allow drop_column  rename_column drop_column", Dialect.MYSQL);
        assertThat(shape.allowedFindingKinds()).containsExactly("drop_column", "rename_column");
        assertThat(shape.kind()).isEqualTo(StatementKind.DDL);
    }

    @Test
    void allowMarkerOutsideCommentsIsIgnored() {
        assertThat(pg("select 'querylens:allow n_plus_one'").allowedFindingKinds()).isEmpty();
    }

    @Test
    void hostileAllowCommentsAreCapped() {
        StringBuilder comment = new StringBuilder("/* querylens:allow");
        for (int i = 0; i < 10_000; i++) {
            comment.append(" kind").append(i);
        }
        comment.append(' ').append("x".repeat(SuppressionComments.MAX_NAME_CHARS + 1)).append(" */ select 1");
        assertThat(pg(comment.toString()).allowedFindingKinds()).hasSize(SuppressionComments.MAX_KINDS);
    }

    @Test
    void nullInputGivesAnEmptyShapeOfKindOther() {
        QueryShape shape = Fingerprinter.fingerprint(null, Dialect.POSTGRESQL);
        assertThat(shape.text()).isEmpty();
        assertThat(shape.kind()).isEqualTo(StatementKind.OTHER);
        assertThat(shape.id()).isEqualTo(pg("").id());
        assertThat(Fingerprinter.fingerprint("select 1", null).text()).isEqualTo("select ?");
    }

    @Test
    void blankAndCommentOnlyInputsAreEmptyShapes() {
        assertThat(pg(" \n\t ").text()).isEmpty();
        assertThat(pg("-- only a comment").text()).isEmpty();
        assertThat(pg(";;").text()).isEmpty();
    }

    @Test
    void longTextsAreCappedButIdsStillSeeTheirEnds() {
        String columns = "c" + "x".repeat(40_000);
        QueryShape a = pg("select " + columns + "a from t");
        QueryShape b = pg("select " + columns + "b from t");
        assertThat(a.text()).hasSize(NormalisedTextWriter.MAX_TEXT_CHARS + NormalisedTextWriter.TRUNCATION_MARK.length())
                .endsWith(" \u2026").isEqualTo(b.text());
        assertThat(a.textTruncated()).isTrue();
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(pg("select 1").textTruncated()).isFalse();
    }

    @Test
    void shapeIsImmutable() {
        QueryShape shape = pg("/* querylens:allow n_plus_one */ select 1");
        shape.allowedFindingKinds()[0] = "changed";
        assertThat(shape.allows("n_plus_one")).isTrue();
    }

    @Test
    void compatibilityConstructorHasNoFeatures() {
        QueryShape shape = new QueryShape(7L, "x", StatementKind.OTHER, null);
        assertThat(shape.paged() || shape.inList() || shape.multiRowValues() || shape.textTruncated()).isFalse();
        assertThat(shape.placeholderCount()).isZero();
        assertThat(shape.hexId()).isEqualTo("0000000000000007");
    }
}
