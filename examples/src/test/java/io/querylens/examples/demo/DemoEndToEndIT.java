package io.querylens.examples.demo;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.sink.FindingsFileReader;
import io.querylens.examples.report.HeadlessChromium;
import io.querylens.examples.report.JsonLinesReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole demo as the README command runs it with the exit flag: embedded PostgreSQL, the shop in a child JVM
 * under the agent jar, the collector jar in another child JVM, then the report. Runs after {@code package}
 * (failsafe), when the agent and collector jars exist.
 */
class DemoEndToEndIT {
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static DemoOptions options;
    private static DemoRun run;
    private static String metricsWhileRunning;

    @BeforeAll
    static void runTheDemo() throws Exception {
        DemoOptions configured = DemoOptions.from(new String[] {DemoOptions.EXIT_ARGUMENT});
        // Port 0: a free port, so the test never collides with a demo someone left running on 9400.
        options = new DemoOptions(configured.outputDir(), configured.agentJar(), configured.collectorJar(), 0, true);
        PrintStream console = new PrintStream(CONSOLE, true, StandardCharsets.UTF_8);
        run = new DemoRun(options, console);
        run.start();
        metricsWhileRunning = run.collector().metrics();
        System.out.println(CONSOLE.toString(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopTheDemo() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void consoleReportGroupsEveryProblemByKindWithItsFix() {
        String console = CONSOLE.toString(StandardCharsets.UTF_8);

        assertThat(console).contains("-- n_plus_one (", "-- unindexed_predicate (", "-- ddl_outside_migration (");
        assertThat(console).containsPattern("fix: CREATE INDEX CONCURRENTLY \\S+ ON orders \\(user_id, status\\)");
        assertThat(console).contains("at io.querylens.examples.shop.OrderReports.addLoyaltyColumnFromApplicationCode(");
        assertThat(console).contains("/metrics", "/api/findings", "/api/queries", DemoRun.HTML_FILE);
    }

    @Test
    void findingsFileHasTheShopsProblemsFromItsCallSites() throws Exception {
        List<Finding> findings = FindingsFileReader.read(dir().resolve(JsonLinesReport.FINDINGS_FILE));

        Finding nPlusOne = about(findings, FindingKind.N_PLUS_ONE, "select email from users where id = ?");
        assertThat(nPlusOne.callSite()).contains("OrderReports");
        assertThat(nPlusOne.count()).isGreaterThanOrEqualTo(2);
        Finding unindexed = about(findings, FindingKind.UNINDEXED_PREDICATE,
                "select count (*) from orders where user_id = ? and status = ?");
        assertThat(unindexed.table()).isEqualTo("orders");
        assertThat(unindexed.suggestion()).startsWith("CREATE INDEX").contains("orders (user_id, status)");
        Finding ddl = about(findings, FindingKind.DDL_OUTSIDE_MIGRATION,
                "alter table users add column if not exists loyalty_points int");
        assertThat(ddl.callSite()).contains("OrderReports.addLoyaltyColumnFromApplicationCode");
        assertThat(Files.readAllLines(dir().resolve(JsonLinesReport.QUERIES_FILE))).isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("select email from users where id = ?"));
    }

    @Test
    void collectorServedPrometheusMetricsForTheShop() {
        assertThat(metricsWhileRunning)
                .contains("querylens_query_duration_seconds_bucket{app=\"shop\"")
                .contains("querylens_findings{");
    }

    @Test
    void shopRanUnderTheAgentWithAPlainPostgresUrlAndNoQueryLensOnItsClassPath() throws Exception {
        String command = Files.readAllLines(dir().resolve("shop.log")).get(0);

        assertThat(command).contains("-javaagent:" + options.agentJar());
        assertThat(command).contains(" jdbc:postgresql://").doesNotContain("jdbc:querylens:");
        String classPath = command.split(" -cp ")[1].split(" ")[0];
        assertThat(classPath.split(java.io.File.pathSeparator))
                .noneSatisfy(entry -> assertThat(Path.of(entry).getFileName().toString()).startsWith("querylens-"));
    }

    @Test
    void htmlReportRendersItsChartsInHeadlessChromium() throws Exception {
        Path html = dir().resolve(DemoRun.HTML_FILE);
        long charts = Files.readString(html).split("<svg class=\"chart\"", -1).length - 1L;

        HeadlessChromium.Page page = HeadlessChromium.dumpDom(html);

        assertThat(charts).isGreaterThan(1);
        assertThat(page.dom()).contains("data-ok=\"1\"").contains("data-charts=\"" + charts + "\"");
        assertThat(page.dom()).contains("data-kind=\"unindexed_predicate\"");
        assertThat(page.log()).doesNotContain("Uncaught");
    }

    private static Path dir() {
        return options.outputDir().toAbsolutePath();
    }

    /** The one finding of this kind about this statement (the collector may add others, e.g. from pg stats). */
    private static Finding about(List<Finding> findings, FindingKind kind, String sql) {
        List<Finding> matching = findings.stream().filter(f -> f.kind() == kind && sql.equals(f.sql())).toList();
        assertThat(matching).as(kind + " about " + sql + " in " + findings).hasSize(1);
        return matching.get(0);
    }
}
