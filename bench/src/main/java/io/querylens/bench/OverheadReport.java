package io.querylens.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Fork;
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
 * Runs every overhead benchmark with JMH's GC profiler and writes {@code RESULTS.md}: {@link WrapperOverheadBench}
 * (the no-I/O stub), {@link ColdCacheBench} (its prepared select with the caches emptied before each one),
 * {@link ContentionBench} (2 to 32 threads, each beside one), {@link PostgresBench} (a real PostgreSQL, one server
 * started here and shared by every fork), and the javaagent variant of the stub and PostgreSQL benchmarks in forks
 * started with {@code -javaagent}. The one command, from the repository root:
 * <pre>
 * ./mvnw -q -pl bench,agent -am package -DskipTests &amp;&amp; java -Dquick=true -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport
 * </pre>
 * Quick mode (1 fork, 2 x 1 s warm-up, 3 x 1 s measured, PostgreSQL 30 x 200 ms in 15 pairs, contention 16 x 500 ms
 * in 2 cycles; the contention and PostgreSQL cases keep their own warm-up) takes ~25 minutes on 2 cores; without
 * {@code -Dquick=true} the benchmarks' own settings apply (2 forks, 3 for contention; stub 5 x 1 s warm-up, 10 x 1 s
 * measured; PostgreSQL 10 x 1 s warm-up, 60 x 200 ms measured in 30 pairs; contention 48 x 500 ms measured in 6
 * cycles), about 80 minutes.
 * Options, as system properties before {@code -cp}:
 * <ul>
 *   <li>{@code -Dquick=true}: the short run above.</li>
 *   <li>{@code -Dvariants=raw,querylens,agent}: only these variants (default: all).</li>
 *   <li>{@code -Dsuites=stub,cold,contention,postgres}: only these benchmarks (default: all four).</li>
 *   <li>{@code -Dagent=path/to/querylens-agent.jar}: the agent jar (default {@value WrapperVariant#AGENT_JAR}).</li>
 *   <li>{@code -Djvm=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}: run the forks on another JVM.</li>
 *   <li>{@code -Dpin=true}: the PostgreSQL server on the last processor, the benchmark JVMs on the others
 *       (experimental, see {@link CpuPinning}).</li>
 *   <li>{@code -Dresults=path}: where to write (default {@code bench/RESULTS.md} from the repository root,
 *       {@code RESULTS.md} from {@code bench/}).</li>
 * </ul>
 * A variant that cannot run (the QueryLens ones without the driver on the class path, the agent without its jar) is
 * listed as skipped, with the reason, instead of failing the run.
 */
public final class OverheadReport {

    static final String GC_ALLOCATION_PER_OP = "gc.alloc.rate.norm";
    static final String COMMAND = "./mvnw -q -pl bench,agent -am package -DskipTests && "
            + "java -Dquick=true -cp bench/target/benchmarks.jar io.querylens.bench.OverheadReport";

    private static final List<String> REPORT_OPTIONS = List.of("quick", "variants", "suites", "agent", "jvm",
            "results", "contention", "pin");
    private static final List<String> SUITES = List.of("stub", "cold", "contention", "postgres");
    /** p6spy writing its log file is measured on the stub; on PostgreSQL it would only measure the disk. */
    private static final List<WrapperVariant> NOT_ON_POSTGRES = List.of(WrapperVariant.P6SPY_DEFAULT);
    /** The cold-cache select: the stub's variants less p6spy's file logging and the SDK, each slow enough warm. */
    private static final List<WrapperVariant> COLD = List.of(WrapperVariant.RAW, WrapperVariant.QUERYLENS,
            WrapperVariant.QUERYLENS_HISTOGRAMS_ONLY, WrapperVariant.P6SPY, WrapperVariant.DATASOURCE_PROXY,
            WrapperVariant.OTEL_NOOP);

    private final boolean quick = Boolean.getBoolean("quick");
    private final Map<String, String> skippedVariants = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<ThreadScaling.Scaling> threadScaling = new ArrayList<>();
    private final Map<String, String> jmhSettings = new LinkedHashMap<>();

    public static void main(String[] args) throws RunnerException, IOException, SQLException {
        new OverheadReport().run();
    }

    private void run() throws RunnerException, IOException, SQLException {
        String loadAtStart = Machine.loadAverage();
        long startNanos = System.nanoTime();
        List<String> suites = requestedSuites();
        List<WrapperVariant> inProcess = new ArrayList<>();
        boolean agent = false;
        for (WrapperVariant variant : requestedVariants()) {
            if (variant == WrapperVariant.AGENT) {
                agent = true;
                continue;
            }
            String reason = variant.unavailableReason();
            if (reason == null) {
                inProcess.add(variant);
            } else {
                skippedVariants.put(variant.parameterName(), reason);
                System.out.println("Skipping " + variant.parameterName() + ": " + reason);
            }
        }
        String agentArgument = agent ? agentArgument() : null;
        if (suites.contains("stub")) {
            measurements.addAll(measure(WrapperOverheadBench.class, inProcess, List.of()));
            if (agentArgument != null) {
                measurements.addAll(measure(WrapperOverheadBench.class, List.of(WrapperVariant.AGENT),
                        List.of(agentArgument)));
            }
        }
        if (suites.contains("cold")) {
            measurements.addAll(measure(ColdCacheBench.class, inProcess.stream().filter(COLD::contains).toList(),
                    List.of()));
        }
        if (suites.contains("contention") && !"false".equals(System.getProperty("contention"))) {
            List<String> contended = new ArrayList<>();
            if (inProcess.contains(WrapperVariant.QUERYLENS)) {
                contended.add(WrapperVariant.QUERYLENS.parameterName());
            }
            if (inProcess.contains(WrapperVariant.RAW)) {
                // Raw runs beside every variant in ContentionBench; with raw asked for, so does the clock control.
                contended.add(ContentionBench.CLOCK_FLOOR);
            }
            int processors = Machine.current().processors();
            for (RunResult result : run(ContentionBench.class, contended, List.of())) {
                ThreadScaling.Scaling scaling = ThreadScaling.of(result, processors);
                if (scaling != null) {
                    threadScaling.add(scaling);
                }
            }
        }
        if (suites.contains("postgres")) {
            Database postgres = PostgresServer.startEmbedded();
            PostgresServer.createTables(postgres);
            if (Boolean.getBoolean("pin")) {
                String pinning = CpuPinning.pinServerApart(postgres);
                jmhSettings.put("postgres, processors", pinning);
                System.out.println("Pinning: " + pinning);
            }
            String server = "-D" + PostgresServer.URL_PROPERTY + "=" + postgres.jdbcUrl();
            measurements.addAll(measure(PostgresBench.class,
                    inProcess.stream().filter(v -> !NOT_ON_POSTGRES.contains(v)).toList(), List.of(server)));
            if (agentArgument != null) {
                measurements.addAll(measure(PostgresBench.class, List.of(WrapperVariant.AGENT),
                        List.of(server, agentArgument)));
            }
        }
        Path resultsFile = resultsFile();
        long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNanos);
        String markdown = new ResultsMarkdown(measurements, skippedVariants, Machine.current(),
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                (quick ? "quick" : "full") + " mode, " + minutes + " min", jmhSettings,
                quick ? COMMAND : COMMAND.replace(" -Dquick=true", ""),
                "at start " + loadAtStart + ", at end " + Machine.loadAverage())
                .detectorsDisabled(System.getProperty("querylens.detectors.disabled"))
                .threadScaling(threadScaling).render();
        Files.writeString(resultsFile, markdown);
        System.out.println("Wrote " + resultsFile.toAbsolutePath() + " after " + minutes + " min");
    }

    /** The {@code -javaagent} argument for the agent's forks, or null (and the variant skipped) without the jar. */
    private String agentArgument() {
        String configured = System.getProperty("agent");
        Path jar = configured != null ? Path.of(configured)
                : Files.isRegularFile(Path.of("bench", "pom.xml")) ? Path.of(WrapperVariant.AGENT_JAR)
                : Path.of("..").resolve(WrapperVariant.AGENT_JAR);
        if (!Files.isRegularFile(jar)) {
            String reason = "no agent jar at " + jar.toAbsolutePath().normalize()
                    + " (build it with ./mvnw -q -pl agent -am package -DskipTests)";
            skippedVariants.put(WrapperVariant.AGENT.parameterName(), reason);
            System.out.println("Skipping agent: " + reason);
            return null;
        }
        return "-javaagent:" + jar.toAbsolutePath().normalize();
    }

    private static List<WrapperVariant> requestedVariants() {
        String requested = System.getProperty("variants");
        if (requested == null || requested.isBlank()) {
            return List.of(WrapperVariant.values());
        }
        return Arrays.stream(requested.split(",")).map(String::trim).map(WrapperVariant::named).toList();
    }

    private static List<String> requestedSuites() {
        String requested = System.getProperty("suites");
        if (requested == null || requested.isBlank()) {
            return SUITES;
        }
        List<String> suites = Arrays.stream(requested.split(",")).map(String::trim).toList();
        for (String suite : suites) {
            if (!SUITES.contains(suite)) {
                throw new IllegalArgumentException("-Dsuites: no suite " + suite + "; known: " + SUITES);
            }
        }
        return suites;
    }

    private List<Measurement> measure(Class<?> benchmark, List<WrapperVariant> variants, List<String> extraJvmArgs)
            throws RunnerException {
        return run(benchmark, variants.stream().map(WrapperVariant::parameterName).toList(), extraJvmArgs).stream()
                .map(OverheadReport::measurementOf).toList();
    }

    /** Runs {@code benchmark} for each of {@code variants} (parameter values), noting its settings and failures. */
    private Collection<RunResult> run(Class<?> benchmark, List<String> variants, List<String> extraJvmArgs)
            throws RunnerException {
        if (variants.isEmpty()) {
            return List.of();
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .param("variant", variants.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false);
        if (quick) {
            options.forks(1);
            if (benchmark == PostgresBench.class) {
                // Iterations alternate between raw and the variant (PairedIterations): 15 pairs of 200 ms.
                options.measurementIterations(30).measurementTime(TimeValue.milliseconds(200));
            } else if (benchmark == ContentionBench.class) {
                // Iterations rotate through four phases (ContentionBench.Phase): 2 cycles of its 500 ms iterations.
                options.measurementIterations(2 * ContentionBench.Phase.CYCLE);
            } else {
                options.measurementIterations(3).measurementTime(TimeValue.seconds(1));
            }
            // The many-thread cases and PostgreSQL (~30,000 statements a second) need their long warm-ups (see there).
            if (benchmark == WrapperOverheadBench.class || benchmark == ColdCacheBench.class) {
                options.warmupIterations(2).warmupTime(TimeValue.seconds(1));
            }
        }
        options.jvmArgs(forkedJvmArgs());
        if (!extraJvmArgs.isEmpty()) {
            // Replaces the benchmark's own jvmArgsAppend, so those go first.
            List<String> append = new ArrayList<>(List.of(benchmark.getAnnotation(Fork.class).jvmArgsAppend()));
            append.addAll(extraJvmArgs);
            options.jvmArgsAppend(append.toArray(String[]::new));
        }
        String jvm = System.getProperty("jvm");
        if (jvm != null) {
            options.jvm(jvm);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        for (RunResult result : results) {
            // One line per suite; a case with settings of its own (the contention warm-ups) is named on its own line.
            String suite = suiteOf(result.getParams())
                    + (variants.contains(WrapperVariant.AGENT.parameterName()) ? " (agent)" : "");
            String settings = describe(result.getParams());
            String known = jmhSettings.putIfAbsent(suite, settings);
            if (known != null && !known.equals(settings)) {
                jmhSettings.put(suite + ", " + result.getParams().getThreads() + " threads", settings);
            }
        }
        for (String variant : variants) {
            boolean measured = results.stream().anyMatch(r -> variant.equals(r.getParams().getParam("variant")));
            if (!measured) {
                skippedVariants.merge(variant, "failed in " + benchmark.getSimpleName() + " (see the JMH output)",
                        (a, b) -> a + "; " + b);
            }
        }
        return results;
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
        String suite = suiteOf(params);
        String workload = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String connection = Objects.requireNonNullElse(params.getParam("connection"), "");
        String variant = params.getParam("variant");
        if ("true".equals(params.getParam("paired"))) {
            // JMH's own summary mixes both sides of the pairs; the variant's figures are read from its iterations.
            PairedIterations.Paired paired = PairedIterations.of(result);
            if (paired != null) {
                return new Measurement(suite, workload, variant, connection, params.getThreads(), paired.nanosPerOp(),
                        Double.NaN, paired.bytesPerOp(), paired);
            }
        }
        Result<?> primary = result.getPrimaryResult();
        Result<?> allocation = result.getSecondaryResults().get(GC_ALLOCATION_PER_OP);
        return new Measurement(suite, workload, variant, connection,
                params.getThreads(), primary.getScore(), primary.getScoreError(),
                allocation == null ? Double.NaN : allocation.getScore());
    }

    private static String suiteOf(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return className.endsWith(ContentionBench.class.getSimpleName()) ? "contention"
                : className.endsWith(PostgresBench.class.getSimpleName()) ? "postgres"
                : className.endsWith(ColdCacheBench.class.getSimpleName()) ? "cold" : "stub";
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
