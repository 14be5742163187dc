package io.querylens.examples.demo;

import io.querylens.examples.ConsoleReport;
import io.querylens.examples.report.DemoReport;
import io.querylens.examples.report.HtmlReport;
import io.querylens.examples.report.JsonLinesReport;
import io.querylens.examples.shop.ShopSchema;
import io.querylens.testkit.TestDatabase;
import io.querylens.testkit.TestDatabases;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of the demo: embedded PostgreSQL, the collector and the shop under the agent as child JVMs, then the
 * report (console, JSON Lines, HTML). {@link #close()} stops the children, the shop first so its last events reach
 * the collector. Used from the demo's main thread, and {@link #close()} also from its shutdown hook.
 */
public final class DemoRun implements AutoCloseable {
    public static final String HTML_FILE = "report.html";

    private static final Pattern COLLECTOR_PORT = Pattern.compile("querylens-collector listening on .*\\(port (\\d+)\\)");
    private static final Pattern SHOP_ROUND_DONE = Pattern.compile("shop: round 1 done");
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final int SHOP_PAUSE_SECONDS = 5;

    private final DemoOptions options;
    private final PrintStream out;
    private final List<ChildJvm> children = new ArrayList<>();
    private CollectorApi collector;

    public DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Starts everything, waits for the findings to settle, prints and writes the report, and returns it. */
    public DemoReport start() throws Exception {
        options.requireJars();
        Path dir = options.outputDir().toAbsolutePath();
        emptyDirectory(dir);
        Path queue = dir.resolve("queue");

        out.println("Starting embedded PostgreSQL 17 ...");
        TestDatabase postgres = TestDatabases.postgres();
        try (Connection setup = postgres.open()) {
            // Before the application starts, as a migration tool would: not something the demo reports.
            ShopSchema.create(setup);
        }
        out.println("  " + postgres.jdbcUrl());

        out.println("Starting the collector (" + options.collectorJar() + ") ...");
        ChildJvm collectorJvm = start("collector", List.of("-Xmx256m", "-jar", options.collectorJar().toString(),
                "--queue", queue.toString(),
                "--db", "demo=" + postgres.withUrlParameter("user", postgres.user())
                        .withUrlParameter("password", postgres.password()).jdbcUrl(),
                "--listen", "127.0.0.1:" + freePortPreferring(options.preferredPort()),
                "--state-dir", dir.resolve("collector-state").toString(),
                "--poll-seconds", "2", "--checkpoint-seconds", "2"), dir.resolve("collector.log"));
        Matcher listening = collectorJvm.awaitLine(COLLECTOR_PORT, START_TIMEOUT_SECONDS);
        collector = new CollectorApi(URI.create("http://127.0.0.1:" + listening.group(1) + "/"));

        out.println("Starting the shop under the agent (" + options.agentJar() + ") ...");
        ChildJvm shop = start("shop", List.of(
                "-javaagent:" + options.agentJar() + "=app=shop,flushSeconds=1,findings.updateSeconds=1",
                "-Dquerylens.queue.dir=" + queue,
                "-Dquerylens.findings.file=" + dir.resolve("shop-findings.jsonl"),
                "-Dchronicle.analytics.disable=true", "-Xmx256m",
                "-cp", ShopClassPath.build(), ShopUnderAgentMain.class.getName(),
                postgres.jdbcUrl(), postgres.user(), postgres.password(), Integer.toString(SHOP_PAUSE_SECONDS)),
                dir.resolve("shop.log"));
        shop.awaitLine(SHOP_ROUND_DONE, START_TIMEOUT_SECONDS);

        out.println("Waiting for the collector to receive the shop's findings ...");
        new FindingsSettle(collector).await();
        DemoReport report = collector.report();

        new ConsoleReport(out).print(report);
        JsonLinesReport.write(report, dir);
        HtmlReport.write(report, dir.resolve(HTML_FILE));
        out.println();
        out.println("Report files:");
        out.println("  " + dir.resolve(HTML_FILE).toUri() + "   (open in a browser)");
        out.println("  " + dir.resolve(JsonLinesReport.FINDINGS_FILE));
        out.println("  " + dir.resolve(JsonLinesReport.QUERIES_FILE));
        out.println("Collector (Prometheus metrics and JSON API):");
        out.println("  " + collector.address("metrics"));
        out.println("  " + collector.address("api/findings"));
        out.println("  " + collector.address("api/queries"));
        out.println("Logs: " + collectorJvm.log() + ", " + shop.log());
        return report;
    }

    /** The running collector's API; null before {@link #start()} reached it. */
    public CollectorApi collector() {
        return collector;
    }

    /** True while every child JVM is still running. */
    public boolean childrenAlive() {
        return !children.isEmpty() && children.stream().allMatch(ChildJvm::isAlive);
    }

    private ChildJvm start(String name, List<String> arguments, Path log) throws IOException {
        ChildJvm child = ChildJvm.start(name, arguments, log);
        children.add(child);
        return child;
    }

    /** Stops the children in reverse start order: the shop flushes to the queue before the collector stops. */
    @Override
    public void close() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
    }

    private static int freePortPreferring(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException taken) {
            return 0; // the collector picks a free port and prints it
        }
    }

    /** The previous run's queue and checkpoint would be read again and merged into this run's figures. */
    private static void emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(dir)) {
                        Files.delete(path);
                    }
                }
            }
        }
        Files.createDirectories(dir);
    }
}
