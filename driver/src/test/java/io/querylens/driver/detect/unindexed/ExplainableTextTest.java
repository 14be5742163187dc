package io.querylens.driver.detect.unindexed;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainableTextTest {

    @Test
    void postgresMarkersBecomeNumberedParameters() {
        ExplainableText text = ExplainableText.of("select * from t where a = ? and b = '?' limit ?", Dialect.POSTGRESQL);
        assertThat(text.text()).isEqualTo("select * from t where a = $1 and b = '?' limit $2");
        assertThat(text.placeholders()).isEqualTo(2);
    }

    @Test
    void mysqlMarkersBecomeStringConstantsExceptInLimit() {
        ExplainableText text = ExplainableText.of("select * from t where a = ? limit ?, ?", Dialect.MYSQL);
        assertThat(text.text()).isEqualTo("select * from t where a = '1' limit 1, 1");
    }

    @Test
    void aSecondStatementIsRefusedSoItCanNeverRun() {
        assertThat(ExplainableText.of("select 1 from t where a = ?; drop table t", Dialect.POSTGRESQL)).isNull();
        assertThat(ExplainableText.of("select 1 from t where a = ?;", Dialect.POSTGRESQL)).isNotNull();
        assertThat(ExplainableText.of("select ';' from t", Dialect.MYSQL)).isNotNull();
    }
}
