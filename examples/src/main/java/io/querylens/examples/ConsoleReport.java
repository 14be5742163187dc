package io.querylens.examples;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.recording.ShapeSnapshot;
import io.querylens.examples.report.DemoReport;
import io.querylens.examples.report.ShapeLatency;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints findings grouped by kind (each with its shape, count, call site, p95 and fix) and the per-shape latency
 * table, for a person reading a terminal.
 */
public final class ConsoleReport {
    private static final int SQL_WIDTH = 70;

    private final PrintStream out;

    public ConsoleReport(PrintStream out) {
        this.out = out;
    }

    /** The in-process form: findings and shapes straight from {@code QueryLens} in this JVM. */
    public void print(List<Finding> findings, List<ShapeSnapshot> shapes) {
        List<ShapeLatency> latencies = shapes.stream()
                .map(shape -> new ShapeLatency(shape.fingerprint(), shape.sql(), shape.executions(),
                        shape.p50Micros() / 1000.0, shape.p95Micros() / 1000.0, shape.p99Micros() / 1000.0,
                        shape.maxMicros() / 1000.0, List.of()))
                .collect(Collectors.toList());
        print(new DemoReport(Instant.now(), findings, latencies));
    }

    public void print(DemoReport report) {
        Map<String, List<Finding>> byKind = new TreeMap<>(
                report.findings().stream().collect(Collectors.groupingBy(f -> f.kind().wireName())));
        out.println();
        out.println("== QueryLens findings (" + report.findings().size() + ") ==");
        if (byKind.isEmpty()) {
            out.println("  none");
        }
        for (Map.Entry<String, List<Finding>> kind : byKind.entrySet()) {
            out.println();
            out.println("-- " + kind.getKey() + " (" + kind.getValue().size() + ")");
            for (Finding finding : kind.getValue()) {
                printFinding(finding, report.shape(finding.fingerprint()));
            }
        }
        out.println();
        out.println("== Latency by query shape ==");
        out.printf("  %-16s %7s %9s %9s %9s %9s  %s%n", "shape", "count", "p50", "p95", "p99", "max", "sql");
        for (ShapeLatency shape : report.shapes()) {
            out.printf("  %-16s %7d %9s %9s %9s %9s  %s%n", shape.fingerprint(), shape.executions(),
                    millis(shape.p50Millis()), millis(shape.p95Millis()), millis(shape.p99Millis()),
                    millis(shape.maxMillis()), shorten(shape.sql()));
        }
    }

    private void printFinding(Finding finding, Optional<ShapeLatency> shape) {
        // Schema findings (an unindexed foreign key) are about a table, not a statement.
        String subject = finding.sql() != null ? shorten(finding.sql())
                : finding.table() == null ? "" : "table " + finding.table() + " " + finding.columns();
        out.println("  [" + finding.severity().wireName() + "] " + subject);
        out.println("      shape " + (finding.fingerprint() == null ? "-" : finding.fingerprint())
                + ", count " + finding.count() + ", seen " + finding.occurrences() + "x"
                + ", p95 " + shape.map(s -> millis(s.p95Millis())).orElse("-")
                + (finding.table() == null ? "" : ", table " + finding.table()
                + (finding.columns().isEmpty() ? "" : " " + finding.columns())));
        if (finding.callSite() != null) {
            out.println("      at " + finding.callSite());
        }
        if (finding.reason() != null) {
            out.println("      why: " + finding.reason());
        }
        if (finding.suggestion() != null) {
            out.println("      fix: " + finding.suggestion());
        }
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.2fms", millis);
    }

    private static String shorten(String sql) {
        if (sql == null) {
            return "";
        }
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= SQL_WIDTH ? oneLine : oneLine.substring(0, SQL_WIDTH - 3) + "...";
    }
}
