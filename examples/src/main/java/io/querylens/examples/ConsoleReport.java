package io.querylens.examples;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.recording.ShapeSnapshot;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints findings grouped by kind, and the per-shape latency table, for a person reading a terminal. */
public final class ConsoleReport {
    private static final int SQL_WIDTH = 70;

    private final PrintStream out;

    public ConsoleReport(PrintStream out) {
        this.out = out;
    }

    public void print(List<Finding> findings, List<ShapeSnapshot> shapes) {
        Map<String, ShapeSnapshot> byFingerprint =
                shapes.stream().collect(Collectors.toMap(ShapeSnapshot::fingerprint, Function.identity(), (a, b) -> a));
        Map<String, List<Finding>> byKind = new TreeMap<>(
                findings.stream().collect(Collectors.groupingBy(f -> f.kind().wireName())));
        out.println();
        out.println("== QueryLens findings (" + findings.size() + ") ==");
        if (findings.isEmpty()) {
            out.println("  none");
        }
        for (Map.Entry<String, List<Finding>> kind : byKind.entrySet()) {
            out.println();
            out.println("-- " + kind.getKey() + " (" + kind.getValue().size() + ")");
            for (Finding finding : kind.getValue()) {
                ShapeSnapshot shape = finding.fingerprint() == null ? null : byFingerprint.get(finding.fingerprint());
                out.println("  [" + finding.severity().wireName() + "] " + shorten(finding.sql()));
                out.println("      count " + finding.count() + ", seen " + finding.occurrences() + "x"
                        + (shape == null ? "" : ", p95 " + millis(shape.p95Micros()))
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
        }
        out.println();
        out.println("== Latency by query shape ==");
        out.printf("  %-16s %7s %9s %9s %9s %9s  %s%n", "fingerprint", "count", "p50", "p95", "p99", "max", "sql");
        for (ShapeSnapshot shape : shapes) {
            out.printf("  %-16s %7d %9s %9s %9s %9s  %s%n", shape.fingerprint(), shape.executions(),
                    millis(shape.p50Micros()), millis(shape.p95Micros()), millis(shape.p99Micros()),
                    millis(shape.maxMicros()), shorten(shape.sql()));
        }
    }

    private static String millis(long micros) {
        return String.format("%.2fms", micros / 1000.0);
    }

    private static String shorten(String sql) {
        if (sql == null) {
            return "";
        }
        return sql.length() <= SQL_WIDTH ? sql : sql.substring(0, SQL_WIDTH - 3) + "...";
    }
}
