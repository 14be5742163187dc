package io.querylens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders the measurements as {@code RESULTS.md}: one table per workload with each variant's cost beside raw's, then
 * the contention table. "Added" is variant minus raw for the same workload and thread count.
 */
final class ResultsMarkdown {

    private static final List<String> WORKLOADS = List.of("preparedSelect", "preparedUpdate", "statementSelect",
            "batchInsert");
    private static final Map<String, String> WORKLOAD_TITLES = Map.of(
            "preparedSelect", "(a) Prepared select by key: prepare, setLong, executeQuery, read 3 columns, close both",
            "preparedUpdate", "(b) Prepared update: prepare, setLong, executeUpdate, close",
            "statementSelect", "(c) Statement.executeQuery with literals in the text (4 texts cycling)",
            "batchInsert", "(d) Batch insert: prepare, 100 x (3 binds + addBatch), executeBatch, close "
                    + "(one operation = the whole batch)");
    private static final String RAW = WrapperVariant.RAW.parameterName();

    private final List<Measurement> measurements;
    private final Map<String, String> skippedVariants;
    private final Machine machine;
    private final String generatedAt;
    private final String mode;
    private final String jmhSettings;
    private final String command;
    private final String loadAverages;

    ResultsMarkdown(List<Measurement> measurements, Map<String, String> skippedVariants, Machine machine,
                    String generatedAt, String mode, String jmhSettings, String command, String loadAverages) {
        this.loadAverages = loadAverages;
        this.measurements = measurements;
        this.skippedVariants = skippedVariants;
        this.machine = machine;
        this.generatedAt = generatedAt;
        this.mode = mode;
        this.jmhSettings = jmhSettings;
        this.command = command;
    }

    String render() {
        StringBuilder md = new StringBuilder();
        md.append("# QueryLens overhead benchmarks\n\n");
        md.append("What each way of watching JDBC adds to one statement, every variant over the same no-I/O stub ")
                .append("driver (`jdbc:stub:`), so `raw` is the floor and every difference is the wrapper's. ")
                .append("Written by `io.querylens.bench.OverheadReport`; do not edit by hand.\n\n");
        md.append("- Generated: ").append(generatedAt).append(" (").append(mode).append(" mode)\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- Machine: ").append(machine.processors()).append(" processors (`nproc`), ")
                .append(machine.cpuModel()).append(", ").append(machine.os()).append("; load average (1, 5, 15 min) ")
                .append(loadAverages).append('\n');
        md.append("- JDK running the report: ").append(machine.javaVersion()).append(", ").append(machine.javaVendor()).append(", ")
                .append(machine.vmName()).append('\n');
        md.append("- JMH: ").append(jmhSettings).append('\n');
        md.append("- Columns: ns/op is JMH's average time per operation (± its 99.9% interval); B/op is ")
                .append("`gc.alloc.rate.norm`; added = variant − raw; × raw = variant time / raw time.\n");
        if (!skippedVariants.isEmpty()) {
            md.append("\nSkipped variants:\n\n");
            skippedVariants.forEach((variant, reason) ->
                    md.append("- `").append(variant).append("`: ").append(reason).append('\n'));
        }
        for (String workload : WORKLOADS) {
            List<Measurement> rows = rows(workload, 1);
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(WORKLOAD_TITLES.get(workload)).append("\n\n");
            table(md, rows, false);
            if (workload.equals("preparedSelect")) {
                md.append("\nBaseline figures this suite is checked against (house style, §6): p6spy with logging ")
                        .append("off ~+220 ns / +800 B, OpenTelemetry no-op ~+290 ns / +1.2 KB, OpenTelemetry SDK ")
                        .append("~+800 ns / +2.2 KB, datasource-proxy with a counting listener ~+800 ns / +3.8 KB. ")
                        .append("QueryLens's target: < 100 ns and 0 B added.\n");
            }
        }
        List<Measurement> contention = measurements.stream().filter(m -> m.threads() > 1).toList();
        if (!contention.isEmpty()) {
            md.append("\n## Contention: the prepared select from several threads, one connection each\n\n");
            md.append("Time per operation per thread; with more threads than processors it includes waiting for a ")
                    .append("processor, for raw as much as for the others.\n\n");
            table(md, contentionRows(contention), true);
        }
        return md.toString();
    }

    private List<Measurement> rows(String workload, int threads) {
        List<Measurement> rows = new ArrayList<>();
        for (WrapperVariant variant : WrapperVariant.values()) {
            find(workload, variant.parameterName(), threads).ifPresent(rows::add);
        }
        return rows;
    }

    private List<Measurement> contentionRows(List<Measurement> contention) {
        List<Measurement> rows = new ArrayList<>();
        TreeSet<Integer> threadCounts = new TreeSet<>();
        contention.forEach(m -> threadCounts.add(m.threads()));
        for (int threads : threadCounts) {
            for (String workload : new TreeSet<>(contention.stream().map(Measurement::workload).toList())) {
                rows.addAll(rows(workload, threads));
            }
        }
        return rows;
    }

    private Optional<Measurement> find(String workload, String variant, int threads) {
        return measurements.stream()
                .filter(m -> m.workload().equals(workload) && m.variant().equals(variant) && m.threads() == threads)
                .findFirst();
    }

    private void table(StringBuilder md, List<Measurement> rows, boolean withThreads) {
        md.append(withThreads ? "| threads " : "").append("| variant | ns/op | B/op | added ns | added B | × raw |\n");
        md.append(withThreads ? "|---:" : "").append("|---|---:|---:|---:|---:|---:|\n");
        for (Measurement row : rows) {
            Optional<Measurement> raw = find(row.workload(), RAW, row.threads());
            if (withThreads) {
                md.append("| ").append(row.threads()).append(' ');
            }
            md.append("| `").append(row.variant()).append("` | ")
                    .append(nanos(row.nanosPerOp())).append(error(row.nanosErrorPerOp())).append(" | ")
                    .append(bytes(row.bytesPerOp())).append(" | ");
            if (raw.isEmpty() || row.variant().equals(RAW)) {
                md.append("| | |\n");
                continue;
            }
            md.append(signed(nanos(row.nanosPerOp() - raw.get().nanosPerOp()), row.nanosPerOp() - raw.get().nanosPerOp()))
                    .append(" | ")
                    .append(signed(bytes(row.bytesPerOp() - raw.get().bytesPerOp()), row.bytesPerOp() - raw.get().bytesPerOp()))
                    .append(" | ")
                    .append(ratio(row.nanosPerOp() / raw.get().nanosPerOp()))
                    .append(" |\n");
        }
    }

    private static String nanos(double value) {
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%,.0f", value);
    }

    private static String error(double value) {
        return Double.isNaN(value) ? "" : " ± " + nanos(value);
    }

    private static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) < 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String signed(String formatted, double value) {
        return value >= 0 && !formatted.startsWith("n/a") ? "+" + formatted : formatted;
    }
}
