package io.querylens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders the measurements as {@code RESULTS.md}: the headline figures against issue 7's targets, one table per stub
 * workload with each variant beside raw, the PostgreSQL tables (throughput as a share of raw's) and the contention
 * table. "Added" is variant minus raw for the same case (suite, workload, connection, threads).
 */
final class ResultsMarkdown {

    private static final List<String> STUB_WORKLOADS = List.of("preparedSelect", "preparedUpdate", "statementSelect",
            "batchInsert");
    private static final Map<String, String> TITLES = Map.of(
            "preparedSelect", "(a) Prepared select by key: prepare, setLong, executeQuery, read 3 columns, close both",
            "preparedUpdate", "(b) Prepared update: prepare, setLong, executeUpdate, close",
            "statementSelect", "(c) Statement.executeQuery with literals in the text (4 texts cycling)",
            "batchInsert", "(d) Batch insert: prepare, 100 x (3 binds + addBatch), executeBatch, close "
                    + "(one operation = the whole batch)",
            "selectByKey", "Select by primary key (100k rows), read 3 columns",
            "updateByKey", "Update one row by primary key (autocommit)");
    private static final List<String> POSTGRES_WORKLOADS = List.of("selectByKey", "updateByKey", "batchInsert");
    private static final String POSTGRES_BATCH_TITLE = "Batch insert of 100 rows (autocommit)";
    private static final String RAW = WrapperVariant.RAW.parameterName();
    private static final String QUERYLENS = WrapperVariant.QUERYLENS.parameterName();
    private static final List<String> QUERYLENS_VARIANTS = List.of("querylens", "querylensHistogramsOnly", "agent");
    private static final List<String> ALTERNATIVES = List.of("p6spy", "datasourceProxy", "otelNoop", "otelSdk");

    private final List<Measurement> measurements;
    private final Map<String, String> skippedVariants;
    private final Machine machine;
    private final String generatedAt;
    private final String mode;
    private final Map<String, String> jmhSettings;
    private final String command;
    private final String loadAverages;
    /** What {@code -Dquerylens.detectors.disabled} switched off in every fork of the run, or null when nothing. */
    private String detectorsDisabled;
    private List<ThreadScaling.Scaling> threadScaling = List.of();

    ResultsMarkdown(List<Measurement> measurements, Map<String, String> skippedVariants, Machine machine,
                    String generatedAt, String mode, Map<String, String> jmhSettings, String command,
                    String loadAverages) {
        this.measurements = measurements;
        this.skippedVariants = skippedVariants;
        this.machine = machine;
        this.generatedAt = generatedAt;
        this.mode = mode;
        this.jmhSettings = jmhSettings;
        this.command = command;
        this.loadAverages = loadAverages;
    }

    /**
     * The run passed {@code -Dquerylens.detectors.disabled=names} to its forks (an ablation): the variants that say
     * "everything on" say what was off instead.
     */
    ResultsMarkdown detectorsDisabled(String names) {
        this.detectorsDisabled = names == null || names.isBlank() ? null : names.trim();
        return this;
    }

    /** The contention suite's figures ({@link ContentionBench}, read by {@link ThreadScaling}). */
    ResultsMarkdown threadScaling(List<ThreadScaling.Scaling> scaling) {
        this.threadScaling = List.copyOf(scaling);
        return this;
    }

    String render() {
        StringBuilder md = new StringBuilder();
        md.append("# QueryLens overhead benchmarks\n\n");
        md.append("What each way of watching JDBC adds to a statement: every variant over the same no-I/O stub driver ")
                .append("(`jdbc:stub:`, so `raw` is the floor and every difference is the wrapper's), warm and then ")
                .append("with the caches emptied before each statement, then end to end on a real PostgreSQL 17, then ")
                .append("from 2 to 32 threads. ")
                .append("Written by `io.querylens.bench.OverheadReport`; do not edit by hand.\n\n");
        md.append("- Generated: ").append(generatedAt).append(" (").append(mode).append(")\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- Machine: ").append(machine.processors()).append(" processors (`nproc`), ")
                .append(machine.cpuModel()).append(", ").append(machine.os()).append("; load average (1, 5, 15 min) ")
                .append(loadAverages).append('\n');
        md.append("- JDK running the report: ").append(machine.javaVersion()).append(", ").append(machine.javaVendor())
                .append(", ").append(machine.vmName()).append('\n');
        jmhSettings.forEach((suite, settings) ->
                md.append("- JMH, ").append(suite).append(": ").append(settings).append('\n'));
        md.append("- Columns: ns/op is JMH's average time per operation (± its 99.9% interval); B/op is ")
                .append("`gc.alloc.rate.norm`; added = variant − raw in the same run; × raw = variant time / raw ")
                .append("time; throughput = raw time / variant time.\n");
        String on = detectorsDisabled == null ? "everything on"
                : "everything on but what `-Dquerylens.detectors.disabled=" + detectorsDisabled + "` switched off";
        md.append("- Variants: `querylens` = the `jdbc:querylens:` driver with ").append(on)
                .append(" (histograms, N+1, DDL guard, unindexed analysis, schema advisor, event stream); ")
                .append("`querylensHistogramsOnly` = every detector and the stream off; `agent` = the `-javaagent` ")
                .append("jar, ").append(on).append(", in forks of its own; `p6spy` = logging off, `p6spyDefault` = ")
                .append("as shipped, to a file; `datasourceProxy` = ")
                .append("`countQuery()`; `otelNoop`/`otelSdk` = OpenTelemetry JDBC over the no-op API / the SDK with ")
                .append("an always-on sampler; `").append(ContentionBench.CLOCK_FLOOR).append("` (contention only) = ")
                .append("raw plus two `System.nanoTime()` reads, the control.\n");
        if (!skippedVariants.isEmpty()) {
            md.append("\nSkipped variants:\n\n");
            skippedVariants.forEach((variant, reason) ->
                    md.append("- `").append(variant).append("`: ").append(reason).append('\n'));
        }
        headline(md);
        for (String workload : STUB_WORKLOADS) {
            List<Measurement> rows = rows("stub", workload, "", 1);
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## Stub ").append(TITLES.get(workload)).append("\n\n");
            stubTable(md, rows);
            if (workload.equals("preparedSelect")) {
                md.append("\nBaseline figures this suite is checked against (house style, §6): p6spy with logging ")
                        .append("off ~+220 ns / +800 B, OpenTelemetry no-op ~+290 ns / +1.2 KB, OpenTelemetry SDK ")
                        .append("~+800 ns / +2.2 KB, datasource-proxy with a counting listener ~+800 ns / +3.8 KB. ")
                        .append("QueryLens's target: < 100 ns and 0 B added.\n");
            }
        }
        cold(md);
        postgres(md);
        contention(md);
        return md.toString();
    }

    private void cold(StringBuilder md) {
        List<Measurement> rows = rows("cold", "preparedSelect", "", 1);
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n## Cold caches: the stub's prepared select with the data caches emptied before each one\n\n");
        md.append("What a statement costs when its objects are no longer in the processor's caches, as after a round ")
                .append("trip to a real database: before each select (outside the measured time) 4 MiB are written, ")
                .append("one word per cache line (`ColdCacheBench`). Every variant pays its own misses; JMH's ")
                .append("per-invocation timing adds the same to each, so read the added column. At this rate (a ")
                .append("select per ~0.5 ms) the N+1 detector's sampled stack walk of a steady loop falls due every ")
                .append("1,024 selects (in the warm loop its 1 ms floor makes that one per ~11,000) and runs cold ")
                .append("too: async-profiler put ~12% of the measured time in it, and its frames are the few ")
                .append("bytes per select QueryLens allocates here.\n\n");
        stubTable(md, rows);
    }

    private void headline(StringBuilder md) {
        List<String[]> lines = new ArrayList<>();
        for (String variant : List.of("querylens", "agent")) {
            addedLine(lines, variant, "preparedSelect", "≤ +100 ns (aim +60), +0 B", 100, 0);
            addedLine(lines, variant, "preparedUpdate", "+0 B", Double.NaN, 0);
            addedLine(lines, variant, "statementSelect", "+0 B", Double.NaN, 0);
            addedLine(lines, variant, "batchInsert", "< +2,000 ns, +0 B", 2000, 0);
        }
        cheaperLine(lines);
        throughputLine(lines);
        contentionLine(lines);
        if (lines.isEmpty()) {
            return;
        }
        md.append("\n## Headline: QueryLens against issue 7's targets\n\n");
        md.append("Judged on this run alone; times on a loaded machine wander (see the load average above), bytes ")
                .append("do not.\n\n");
        md.append("| measure | target | this run | met |\n|---|---|---|---|\n");
        for (String[] line : lines) {
            md.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
    }

    private void addedLine(List<String[]> lines, String variant, String workload, String target, double maxNanos,
                           double maxBytes) {
        Optional<Measurement> row = find("stub", workload, variant, "", 1);
        Optional<Measurement> raw = find("stub", workload, RAW, "", 1);
        if (row.isEmpty() || raw.isEmpty()) {
            return;
        }
        double nanos = row.get().nanosPerOp() - raw.get().nanosPerOp();
        double bytes = row.get().bytesPerOp() - raw.get().bytesPerOp();
        // Under 1 B/op is JMH's rounding of a few allocations in millions of operations (class loading, JIT).
        boolean met = (Double.isNaN(maxNanos) || nanos <= maxNanos) && bytes < maxBytes + 1;
        lines.add(new String[] {"stub " + TITLES.get(workload).substring(4).split(":")[0] + ", `" + variant + "`",
            target, signed(nanos(nanos), nanos) + " ns, " + signed(bytes(bytes), bytes) + " B", met ? "yes" : "**no**"});
    }

    private void cheaperLine(List<String[]> lines) {
        List<String> misses = new ArrayList<>();
        int compared = 0;
        for (Measurement ours : measurements) {
            if (!QUERYLENS_VARIANTS.contains(ours.variant())) {
                continue;
            }
            for (String alternative : ALTERNATIVES) {
                Optional<Measurement> theirs = find(ours.suite(), ours.workload(), alternative, ours.connection(),
                        ours.threads());
                if (theirs.isPresent()) {
                    compared++;
                    if (!cheaper(ours, theirs.get())) {
                        misses.add("`" + ours.variant() + "` vs `" + alternative + "` on " + ours.suite() + " "
                                + ours.workload() + (ours.connection().isEmpty() ? "" : " (" + ours.connection() + ")"));
                    }
                }
            }
        }
        if (compared > 0) {
            lines.add(new String[] {"every QueryLens variant faster than p6spy, datasource-proxy, OpenTelemetry",
                "every workload", misses.isEmpty() ? "all " + compared + " comparisons"
                    : misses.size() + " of " + compared + " not: " + String.join("; ", misses),
                misses.isEmpty() ? "yes" : "**no**"});
        }
    }

    /**
     * Whether {@code ours} cost less than {@code theirs}: by time, or where both were measured beside raw in their own
     * forks, by their share of raw's throughput there (their forks' times do not compare, see {@link PairedIterations}).
     */
    private static boolean cheaper(Measurement ours, Measurement theirs) {
        if (ours.pairedWithRaw() != null && theirs.pairedWithRaw() != null) {
            return ours.pairedWithRaw().throughputShare() > theirs.pairedWithRaw().throughputShare();
        }
        return ours.nanosPerOp() < theirs.nanosPerOp();
    }

    /** Raw time / variant time: over the pairs when measured beside raw, else against raw's own forks. */
    private Optional<Double> throughputShare(Measurement row) {
        if (row.pairedWithRaw() != null) {
            return Optional.of(row.pairedWithRaw().throughputShare());
        }
        return find(row.suite(), row.workload(), RAW, row.connection(), row.threads())
                .map(raw -> raw.nanosPerOp() / row.nanosPerOp());
    }

    private void throughputLine(List<String[]> lines) {
        for (String variant : QUERYLENS_VARIANTS) {
            double worst = Double.NaN;
            String worstCase = "";
            for (Measurement row : measurements) {
                if (!row.suite().equals("postgres") || !row.variant().equals(variant)) {
                    continue;
                }
                Optional<Double> measured = throughputShare(row);
                if (measured.isPresent()) {
                    double share = measured.get();
                    if (Double.isNaN(worst) || share < worst) {
                        worst = share;
                        worstCase = row.workload() + ", " + row.connection();
                    }
                }
            }
            if (!Double.isNaN(worst)) {
                lines.add(new String[] {"PostgreSQL throughput, `" + variant + "`, worst workload", "≥ 98% of raw",
                    percent(worst) + " (" + worstCase + ")", worst >= 0.98 ? "yes" : "**no**"});
            }
        }
    }

    private void contentionLine(List<String[]> lines) {
        Optional<ThreadScaling.Scaling> ours = scaling(QUERYLENS, 32);
        if (ours.isEmpty()) {
            return;
        }
        ThreadScaling.Scaling many = ours.get();
        String clocks = scaling(ContentionBench.CLOCK_FLOOR, 32)
                .map(control -> " (the two clock reads alone: " + ratio(control.ratio()) + "×)").orElse("");
        lines.add(new String[] {"added cost per op per core used, 32 threads vs 1 (`querylens`, same forks)",
            "within 10%", nanos(many.addedShared()) + " ns vs " + nanos(many.addedSolo()) + " ns: "
                + ratio(many.ratio()) + "× (middle half " + ratio(many.ratioLow()) + "–" + ratio(many.ratioHigh())
                + ", " + many.cycles() + " cycles)" + clocks,
            many.ratio() <= 1.10 ? "yes" : "**no**"});
    }

    private void postgres(StringBuilder md) {
        boolean any = measurements.stream().anyMatch(m -> m.suite().equals("postgres"));
        if (!any) {
            return;
        }
        md.append("\n## PostgreSQL 17, end to end\n\n");
        md.append("Embedded PostgreSQL 17 (zonky) on this machine, over TCP, `fsync` and `synchronous_commit` off ")
                .append("so the disk does not bury the layers' cost; a 100k-row `account` table. `reused`: one ")
                .append("connection for the whole run; `pool`: HikariCP (2 connections), borrowed and given back ")
                .append("around every operation, with QueryLens, p6spy and the agent under the pool and ")
                .append("datasource-proxy and OpenTelemetry around it, as each is usually configured.\n\n")
                .append("Each fork measures its variant beside raw, in alternating 200 ms iterations (raw, variant, ")
                .append("variant, raw, ...): on 2 cores, whether the client and the server backend share a processor ")
                .append("moves a whole fork's time by up to a third, so only times from the same fork compare, ")
                .append("and the machine's speed drifts over seconds, so only times taken close together do. ")
                .append("`raw beside` is raw's time in the variant's own forks; added = variant − raw beside; ")
                .append("throughput = the median over the pairs of raw time / variant time, the middle half of the ")
                .append("pairs in brackets. The `raw` row is raw beside itself: the measurement's own noise.\n");
        for (String workload : POSTGRES_WORKLOADS) {
            List<Measurement> rows = new ArrayList<>();
            for (String connection : List.of("reused", "pool")) {
                rows.addAll(rows("postgres", workload, connection, 1));
            }
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n### ").append(workload.equals("batchInsert") ? POSTGRES_BATCH_TITLE : TITLES.get(workload))
                    .append("\n\n");
            md.append("| connection | variant | ns/op | B/op | raw beside, ns/op | added ns | added B | ")
                    .append("throughput vs raw |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (Measurement row : rows) {
                md.append("| ").append(row.connection()).append(" | `").append(row.variant()).append("` | ")
                        .append(nanos(row.nanosPerOp())).append(error(row.nanosErrorPerOp())).append(" | ")
                        .append(bytes(row.bytesPerOp())).append(" | ");
                PairedIterations.Paired paired = row.pairedWithRaw();
                Optional<Measurement> ownForks = find(row.suite(), row.workload(), RAW, row.connection(),
                        row.threads());
                double rawNanos = paired != null ? paired.rawNanosPerOp()
                        : ownForks.map(Measurement::nanosPerOp).orElse(Double.NaN);
                double rawBytes = paired != null ? paired.rawBytesPerOp()
                        : ownForks.map(Measurement::bytesPerOp).orElse(Double.NaN);
                if (Double.isNaN(rawNanos) || (paired == null && row.variant().equals(RAW))) {
                    md.append("| | | |\n");
                    continue;
                }
                double nanos = row.nanosPerOp() - rawNanos;
                double bytes = row.bytesPerOp() - rawBytes;
                md.append(nanos(rawNanos)).append(" | ").append(signed(nanos(nanos), nanos)).append(" | ")
                        .append(signed(bytes(bytes), bytes)).append(" | ")
                        .append(throughputShare(row).map(ResultsMarkdown::percent).orElse("n/a"));
                if (paired != null) {
                    md.append(" (").append(percent(paired.shareLow())).append("–")
                            .append(percent(paired.shareHigh())).append(", ").append(paired.pairs())
                            .append(" pairs)");
                }
                md.append(" |\n");
            }
        }
    }

    private void contention(StringBuilder md) {
        if (threadScaling.isEmpty()) {
            return;
        }
        md.append("\n## Contention: the stub's prepared select from 2 to 32 threads, one connection each\n\n");
        md.append("All threads record into the same shape. Each fork runs one thread count and rotates its ")
                .append("iterations through four phases: raw and the variant, each with every thread working and with ")
                .append("only one working while the others sleep, forward and back (a cycle). Times are per operation ")
                .append("per core used: ")
                .append("`min(threads, processors) / throughput` with every thread working on the ")
                .append(machine.processors()).append(" processors, `1 / throughput` with one. Added = variant − raw ")
                .append("in the same cycle; \"all vs one\" is the median over the cycles of added with all ")
                .append("threads / added with one, the middle half in brackets (target for QueryLens at 32 threads: ")
                .append("at most 1.10). `").append(ContentionBench.CLOCK_FLOOR).append("` is the control: the raw ")
                .append("driver with the two `System.nanoTime()` reads any timing wrapper makes around a statement ")
                .append("and nothing else, so its ratio shows what this machine alone does to that part of the work ")
                .append("as threads are added.\n\n");
        md.append("| threads | variant | raw, one thread | raw, all | variant, one thread | variant, all | added, one ")
                .append("thread | added, all | all vs one | added B/op |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        TreeSet<Integer> threadCounts = new TreeSet<>();
        threadScaling.forEach(s -> threadCounts.add(s.threads()));
        for (int threads : threadCounts) {
            for (String variant : List.of(QUERYLENS, ContentionBench.CLOCK_FLOOR)) {
                scaling(variant, threads).ifPresent(s -> md.append("| ").append(threads).append(" | `")
                        .append(variant).append("` | ")
                        .append(nanos(s.raw().soloNanosPerCore())).append(" | ")
                        .append(nanos(s.raw().sharedNanosPerCore())).append(" | ")
                        .append(nanos(s.measured().soloNanosPerCore())).append(" | ")
                        .append(nanos(s.measured().sharedNanosPerCore())).append(" | ")
                        .append(signed(nanos(s.addedSolo()), s.addedSolo())).append(" | ")
                        .append(signed(nanos(s.addedShared()), s.addedShared())).append(" | ")
                        .append(ratio(s.ratio())).append(" (").append(ratio(s.ratioLow())).append("–")
                        .append(ratio(s.ratioHigh())).append(", ").append(s.cycles()).append(" cycles) | ")
                        .append(signed(bytes(s.addedBytes()), s.addedBytes())).append(" |\n"));
            }
        }
    }

    private Optional<ThreadScaling.Scaling> scaling(String variant, int threads) {
        return threadScaling.stream().filter(s -> s.variant().equals(variant) && s.threads() == threads).findFirst();
    }

    private List<Measurement> rows(String suite, String workload, String connection, int threads) {
        List<Measurement> rows = new ArrayList<>();
        for (WrapperVariant variant : WrapperVariant.values()) {
            find(suite, workload, variant.parameterName(), connection, threads).ifPresent(rows::add);
        }
        return rows;
    }

    private Optional<Measurement> find(String suite, String workload, String variant, String connection,
                                       int threads) {
        return measurements.stream()
                .filter(m -> m.suite().equals(suite) && m.workload().equals(workload) && m.variant().equals(variant)
                        && m.connection().equals(connection) && m.threads() == threads)
                .findFirst();
    }

    private void stubTable(StringBuilder md, List<Measurement> rows) {
        md.append("| variant | ns/op | B/op | added ns | added B | × raw |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Measurement row : rows) {
            Optional<Measurement> raw = find(row.suite(), row.workload(), RAW, row.connection(), row.threads());
            md.append("| `").append(row.variant()).append("` | ")
                    .append(nanos(row.nanosPerOp())).append(error(row.nanosErrorPerOp())).append(" | ")
                    .append(bytes(row.bytesPerOp())).append(" | ");
            if (raw.isEmpty() || row.variant().equals(RAW)) {
                md.append("| | |\n");
                continue;
            }
            double nanos = row.nanosPerOp() - raw.get().nanosPerOp();
            double bytes = row.bytesPerOp() - raw.get().bytesPerOp();
            md.append(signed(nanos(nanos), nanos)).append(" | ").append(signed(bytes(bytes), bytes)).append(" | ")
                    .append(ratio(row.nanosPerOp() / raw.get().nanosPerOp())).append(" |\n");
        }
    }

    private static String nanos(double value) {
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%,.0f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
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
