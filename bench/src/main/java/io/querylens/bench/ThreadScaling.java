package io.querylens.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One variant's cost per operation per core used with one thread working and with all of a {@link ContentionBench}
 * case's threads working, each beside raw, read from the cycles of four phases every fork runs
 * ({@link ContentionBench.Phase}). A cycle (the four phases forward and back) gives one ratio: the variant's added
 * cost per core with all threads over the same with one, each side's added cost taken against raw's phases of the
 * same cycle. The report takes the median of the cycles, and their middle half as the spread, as
 * {@link PairedIterations} does for PostgreSQL.
 */
final class ThreadScaling {
    private ThreadScaling() {
    }

    /** One measured iteration: nanoseconds per operation per core used, and bytes allocated per operation. */
    record Iteration(double nanosPerCore, double bytesPerOp) {
    }

    /**
     * The run's figures; null when no fork completed a cycle.
     *
     * @param processors the machine's processors: a shared phase uses {@code min(threads, processors)} of them
     */
    static Scaling of(RunResult run, int processors) {
        int threads = run.getParams().getThreads();
        int coresShared = Math.min(threads, processors);
        List<List<Iteration>> forks = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            List<Iteration> iterations = new ArrayList<>();
            List<IterationResult> results = new ArrayList<>(fork.getIterationResults());
            for (int index = 0; index < results.size(); index++) {
                IterationResult iteration = results.get(index);
                boolean solo = ContentionBench.Phase.at(index).solo;
                // Solo: the one working thread's own throughput (the others only slept); shared: JMH's sum.
                double opsPerNano = solo ? fastestThread(iteration.getRawPrimaryResults())
                        : iteration.getPrimaryResult().getScore();
                opsPerNano /= nanosPerUnit(iteration.getScoreUnit());
                iterations.add(new Iteration((solo ? 1 : coresShared) / opsPerNano,
                        PairedIterations.allocation(iteration)));
            }
            forks.add(iterations);
        }
        return fromForks(run.getParams().getParam("variant"), threads, forks);
    }

    private static double fastestThread(Collection<Result> perThread) {
        return perThread.stream().mapToDouble(Result::getScore).max().orElse(Double.NaN);
    }

    /** Nanoseconds in the time unit of a throughput score such as {@code ops/us}. */
    static double nanosPerUnit(String scoreUnit) {
        return switch (scoreUnit.substring(scoreUnit.indexOf('/') + 1)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("not a throughput unit: " + scoreUnit);
        };
    }

    /** {@link #of} over each fork's measured iterations, in the order they ran. */
    static Scaling fromForks(String variant, int threads, List<List<Iteration>> forks) {
        Sides raw = new Sides();
        Sides measured = new Sides();
        List<Double> ratios = new ArrayList<>();
        for (List<Iteration> iterations : forks) {
            for (int first = 0; first + ContentionBench.Phase.CYCLE <= iterations.size();
                    first += ContentionBench.Phase.CYCLE) {
                Iteration[] byPhase = cycleMeans(iterations.subList(first, first + ContentionBench.Phase.CYCLE));
                Iteration rawSolo = byPhase[ContentionBench.Phase.RAW_SOLO.ordinal()];
                Iteration rawShared = byPhase[ContentionBench.Phase.RAW_SHARED.ordinal()];
                Iteration solo = byPhase[ContentionBench.Phase.VARIANT_SOLO.ordinal()];
                Iteration shared = byPhase[ContentionBench.Phase.VARIANT_SHARED.ordinal()];
                raw.add(rawSolo, rawShared);
                measured.add(solo, shared);
                ratios.add((shared.nanosPerCore() - rawShared.nanosPerCore())
                        / (solo.nanosPerCore() - rawSolo.nanosPerCore()));
            }
        }
        if (ratios.isEmpty()) {
            return null;
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Scaling(variant, threads, raw.summary(), measured.summary(), PairedIterations.quantile(sorted, 0.5),
                PairedIterations.quantile(sorted, 0.25), PairedIterations.quantile(sorted, 0.75), sorted.length);
    }

    /** Each phase's mean over one cycle (it runs twice in one), indexed by {@link ContentionBench.Phase#ordinal()}. */
    private static Iteration[] cycleMeans(List<Iteration> cycle) {
        double[] nanos = new double[ContentionBench.Phase.values().length];
        double[] bytes = new double[nanos.length];
        for (int index = 0; index < cycle.size(); index++) {
            int phase = ContentionBench.Phase.at(index).ordinal();
            nanos[phase] += cycle.get(index).nanosPerCore() / 2;
            bytes[phase] += cycle.get(index).bytesPerOp() / 2;
        }
        Iteration[] means = new Iteration[nanos.length];
        for (int phase = 0; phase < means.length; phase++) {
            means[phase] = new Iteration(nanos[phase], bytes[phase]);
        }
        return means;
    }

    /** Means of one side's solo and shared phases. */
    private static final class Sides {
        private final List<Iteration> solo = new ArrayList<>();
        private final List<Iteration> shared = new ArrayList<>();

        void add(Iteration soloPhase, Iteration sharedPhase) {
            solo.add(soloPhase);
            shared.add(sharedPhase);
        }

        Side summary() {
            return new Side(mean(solo, Iteration::nanosPerCore), mean(shared, Iteration::nanosPerCore),
                    mean(solo, Iteration::bytesPerOp), mean(shared, Iteration::bytesPerOp));
        }

        private static double mean(List<Iteration> iterations, ToDoubleFunction<Iteration> value) {
            return iterations.stream().mapToDouble(value).average().orElse(Double.NaN);
        }
    }

    /**
     * One side's means over the cycles.
     *
     * @param soloNanosPerCore   time per operation with one thread working (one core used)
     * @param sharedNanosPerCore time per operation per core used with every thread working
     * @param soloBytesPerOp     {@code gc.alloc.rate.norm} with one thread working
     * @param sharedBytesPerOp   the same with every thread working
     */
    record Side(double soloNanosPerCore, double sharedNanosPerCore, double soloBytesPerOp, double sharedBytesPerOp) {
    }

    /**
     * A variant at one thread count, beside raw in the same forks.
     *
     * @param ratio     median over cycles of (variant − raw) per core shared / (variant − raw) solo
     * @param ratioLow  25th percentile of the cycles' ratios
     * @param ratioHigh 75th percentile
     * @param cycles    complete cycles measured
     */
    record Scaling(String variant, int threads, Side raw, Side measured, double ratio, double ratioLow,
                   double ratioHigh, int cycles) {

        double addedSolo() {
            return measured.soloNanosPerCore() - raw.soloNanosPerCore();
        }

        double addedShared() {
            return measured.sharedNanosPerCore() - raw.sharedNanosPerCore();
        }

        double addedBytes() {
            return Math.max(measured.soloBytesPerOp() - raw.soloBytesPerOp(),
                    measured.sharedBytesPerOp() - raw.sharedBytesPerOp());
        }
    }
}
