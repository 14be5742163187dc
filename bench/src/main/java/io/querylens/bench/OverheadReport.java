package io.querylens.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

/**
 * Runs {@link WrapperOverheadBench} and {@link ContentionBench} with JMH's GC profiler and writes {@code RESULTS.md}:
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests &amp;&amp; java -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport
 * </pre>
 * Full mode (the benchmarks' annotations: 2 forks, 5 x 1 s warm-up, 10 x 1 s measured) takes ~20 minutes on 2 cores.
 * Options, as system properties before {@code -cp}:
 * <ul>
 *   <li>{@code -Dquick=true}: 1 fork, 2 x 1 s warm-up, 3 x 1 s measured; a few minutes.</li>
 *   <li>{@code -Dvariants=raw,p6spy}: only these variants (default: all).</li>
 *   <li>{@code -Dcontention=false}: skip {@link ContentionBench}.</li>
 *   <li>{@code -Djvm=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}: run the forks on another JVM.</li>
 *   <li>{@code -Dresults=path}: where to write (default {@code bench/RESULTS.md} from the repository root,
 *       {@code RESULTS.md} from {@code bench/}).</li>
 * </ul>
 * A variant that cannot run here (the QueryLens ones, before the driver is on the class path) is listed as skipped,
 * with the reason, instead of failing the run.
 */
public final class OverheadReport {

    private static final String GC_ALLOCATION_PER_OP = "gc.alloc.rate.norm";
    private static final String COMMAND = "./mvnw -q -pl bench -am package -DskipTests && "
            + "java -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport";

    private static final List<String> REPORT_OPTIONS = List.of("quick", "variants", "contention", "jvm", "results");

    private final boolean quick = Boolean.getBoolean("quick");
    private final Map<String, String> skippedVariants = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private String jmhSettings = "no benchmark ran";

    public static void main(String[] args) throws RunnerException, IOException {
        new OverheadReport().run();
    }

    private void run() throws RunnerException, IOException {
        String loadAtStart = Machine.loadAverage();
        List<WrapperVariant> runnable = new ArrayList<>();
        for (WrapperVariant variant : requestedVariants()) {
            String reason = variant.unavailableReason();
            if (reason == null) {
                runnable.add(variant);
            } else {
                skippedVariants.put(variant.parameterName(), reason);
                System.out.println("Skipping " + variant.parameterName() + ": " + reason);
            }
        }
        measure(WrapperOverheadBench.class, runnable);
        if (!"false".equals(System.getProperty("contention"))) {
            List<WrapperVariant> contended = runnable.stream()
                    .filter(v -> v == WrapperVariant.RAW || v == WrapperVariant.QUERYLENS).toList();
            measure(ContentionBench.class, contended);
        }
        Path resultsFile = resultsFile();
        String markdown = new ResultsMarkdown(measurements, skippedVariants, Machine.current(),
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                quick ? "quick" : "full", jmhSettings, quick ? COMMAND.replace("java -cp", "java -Dquick=true -cp")
                : COMMAND, "at start " + loadAtStart + ", at end " + Machine.loadAverage()).render();
        Files.writeString(resultsFile, markdown);
        System.out.println("Wrote " + resultsFile.toAbsolutePath());
    }

    private static List<WrapperVariant> requestedVariants() {
        String requested = System.getProperty("variants");
        if (requested == null || requested.isBlank()) {
            return List.of(WrapperVariant.values());
        }
        return Arrays.stream(requested.split(",")).map(String::trim).map(WrapperVariant::named).toList();
    }

    private void measure(Class<?> benchmark, List<WrapperVariant> variants) throws RunnerException {
        if (variants.isEmpty()) {
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .param("variant", variants.stream().map(WrapperVariant::parameterName).toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false);
        if (quick) {
            options.forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        options.jvmArgs(forkedJvmArgs());
        String jvm = System.getProperty("jvm");
        if (jvm != null) {
            options.jvm(jvm);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        for (RunResult result : results) {
            measurements.add(measurementOf(result));
            jmhSettings = describe(result.getParams());
        }
        for (WrapperVariant variant : variants) {
            boolean measured = results.stream()
                    .anyMatch(r -> variant.parameterName().equals(r.getParams().getParam("variant")));
            if (!measured) {
                skippedVariants.merge(variant.parameterName(), "failed in " + benchmark.getSimpleName()
                        + " (see the JMH output)", (a, b) -> a + "; " + b);
            }
        }
    }

    /**
     * JMH hands the forks this JVM's own arguments unless told otherwise; pass them on (a {@code -Xmx}, a flag being
     * tried) less this report's options, which mean nothing to a fork and would clutter the settings line.
     */
    private static String[] forkedJvmArgs() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> REPORT_OPTIONS.stream().noneMatch(option -> arg.startsWith("-D" + option + "=")))
                .toArray(String[]::new);
    }

    private static Measurement measurementOf(RunResult result) {
        BenchmarkParams params = result.getParams();
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        // ContentionBench names its methods by thread count; the workload is the same prepared select.
        String workload = method.replaceAll("\\d+Threads$", "");
        Result<?> primary = result.getPrimaryResult();
        Result<?> allocation = result.getSecondaryResults().get(GC_ALLOCATION_PER_OP);
        return new Measurement(workload, params.getParam("variant"), params.getThreads(), primary.getScore(),
                primary.getScoreError(), allocation == null ? Double.NaN : allocation.getScore());
    }

    private String describe(BenchmarkParams params) {
        return Version.getPlainVersion() + ", mode " + params.getMode().shortLabel() + ", "
                + params.getForks() + " fork(s), warm-up " + params.getWarmup().getCount() + " x "
                + params.getWarmup().getTime() + ", measurement " + params.getMeasurement().getCount() + " x "
                + params.getMeasurement().getTime() + ", `-prof gc`, forked JVM " + params.getJdkVersion() + " ("
                + params.getVmName() + " " + params.getVmVersion() + "), JVM args `"
                + String.join(" ", params.getJvmArgs()) + "`";
    }

    private static Path resultsFile() {
        String requested = System.getProperty("results");
        if (requested != null) {
            return Path.of(requested);
        }
        return Files.isRegularFile(Path.of("bench", "pom.xml")) ? Path.of("bench", "RESULTS.md") : Path.of("RESULTS.md");
    }
}
