package io.querylens.examples.report;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report, rendered by a real browser: every chart draws, no script fails, statement text stays text. */
class HtmlReportInChromiumTest {
    private static final String HOSTILE_SQL = "select '</code><script>document.body.dataset.ok=\"0\"</script>' from t";

    @Test
    void everyChartRendersAndTheSelfCheckPasses(@TempDir Path dir) throws Exception {
        DemoReport report = sampleReport();
        Path html = dir.resolve("report.html");
        HtmlReport.write(report, html);

        HeadlessChromium.Page page = HeadlessChromium.dumpDom(html);

        // The overview, a percentile curve per shape, and a histogram for each shape that has buckets.
        int expectedCharts = 1 + report.shapes().size()
                + (int) report.shapes().stream().filter(shape -> !shape.buckets().isEmpty()).count();
        assertThat(page.dom()).contains("data-ok=\"1\"").contains("data-charts=\"" + expectedCharts + "\"");
        assertThat(count(page.dom(), "<svg class=\"chart\"")).isEqualTo(expectedCharts);
        assertThat(count(page.dom(), "<polyline class=\"curve\"")).isEqualTo(report.shapes().size());
        assertThat(page.log()).doesNotContain("Uncaught").doesNotContain("SyntaxError");
    }

    @Test
    void statementTextCannotInjectMarkup(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        HtmlReport.write(sampleReport(), html);

        HeadlessChromium.Page page = HeadlessChromium.dumpDom(html);

        assertThat(count(page.dom(), "<script>")).isEqualTo(1); // only the page's own check
        assertThat(page.dom()).contains("&lt;/code&gt;&lt;script&gt;").contains("data-ok=\"1\"");
    }

    private static DemoReport sampleReport() {
        Finding unindexed = Finding.builder(FindingKind.UNINDEXED_PREDICATE, Severity.WARNING)
                .fingerprint("00000000000000aa").sql(HOSTILE_SQL).count(20).occurrences(1).table("orders")
                .columns(List.of("user_id")).callSite("shop.Reports.count(Reports.java:12)")
                .suggestion("CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);")
                .reason("Seq Scan on orders").firstSeen(Instant.parse("2026-11-25T10:00:00Z"))
                .lastSeen(Instant.parse("2026-11-25T10:00:01Z")).dataSource("demo").build();
        List<LatencyBucket> buckets = List.of(new LatencyBucket(0.0005, 3), new LatencyBucket(0.001, 10),
                new LatencyBucket(0.01, 4), new LatencyBucket(Double.POSITIVE_INFINITY, 0));
        return new DemoReport(Instant.parse("2026-11-25T10:00:02Z"), List.of(unindexed), List.of(
                new ShapeLatency("00000000000000aa", HOSTILE_SQL, 17, 0.8, 6.5, 9.0, 9.8, buckets),
                new ShapeLatency("00000000000000bb", "select 1", 5, 0.2, 0.2, 0.2, 0.2, List.of())));
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
