package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSinkTest {
    private final RecordingLog log = new RecordingLog();
    private final LogSink sink = new LogSink(log);

    @Test
    void oneLineNamesKindSeveritySqlCountCallSiteAndSuggestion() {
        sink.accept(Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING)
                .sql("select * from orders where customer_id = ?").count(25).occurrences(3).table("orders")
                .callSite("com.example.Orders.load(Orders.java:42)").suggestion("load them with one join").build());

        assertThat(log.lines()).containsExactly("WARN QueryLens n_plus_one [warning] count=25 occurrences=3 "
                + "table=orders sql=\"select * from orders where customer_id = ?\" "
                + "at com.example.Orders.load(Orders.java:42) suggestion: load them with one join");
    }

    @Test
    void infoFindingsAreLoggedAtInfo() {
        sink.accept(Finding.builder(FindingKind.REPEATED_QUERY, Severity.INFO).sql("select 1").build());

        assertThat(log.lines()).singleElement().asString()
                .isEqualTo("INFO QueryLens repeated_query [info] count=1 occurrences=1 sql=\"select 1\"");
    }

    @Test
    void longOrMultiLineStatementsStayOnOneShortLine() {
        String sql = "alter table t\nadd column c int " + "-- padding ".repeat(100);
        sink.accept(Finding.builder(FindingKind.DDL_OUTSIDE_MIGRATION, Severity.CRITICAL).sql(sql).build());

        String line = log.lines().get(0);
        assertThat(line).doesNotContain("\n").contains("alter table t add column c int").endsWith("…\"");
        assertThat(line.length()).isLessThan(LogSink.MAX_SQL_CHARS + 100);
    }
}
