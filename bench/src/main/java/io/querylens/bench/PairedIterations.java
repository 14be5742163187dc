package io.querylens.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * A variant measured against raw in the same fork: iterations alternate in pairs, raw first in even pairs and
 * second in odd ones (raw, variant, variant, raw, ...), so a drift over the fork (the server's checkpoints, a slowly
 * warming cache) lands on both sides alike. Each complete pair gives one throughput share, raw time / variant time;
 * the report takes their median, and their middle half as the spread.
 *
 * <p>Why: on 2 cores the PostgreSQL select took 31 µs in one fork and 43 µs in the next, raw or not, depending on
 * whether the client and the server backend shared a processor. Comparing two forks' averages measured that placement
 * (82-110% of raw for variants that add ~0.1 µs); comparing within a fork measures the variant.
 */
final class PairedIterations {
    private PairedIterations() {
    }

    /** True when iteration {@code index} (counted from 0, warm-up and measurement apart) runs raw. */
    static boolean rawRunsAt(int index) {
        boolean rawFirst = (index / 2) % 2 == 0;
        return (index % 2 == 0) == rawFirst;
    }

    /**
     * The variant's side and raw's side of a paired run, over the complete pairs of every fork; null when there was
     * no complete pair.
     */
    static Paired of(RunResult run) {
        List<List<Iteration>> forks = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            forks.add(fork.getIterationResults().stream()
                    .map(i -> new Iteration(i.getPrimaryResult().getScore(), allocation(i))).toList());
        }
        return fromForks(forks);
    }

    /** One measured iteration: its time per operation and its bytes allocated per operation. */
    record Iteration(double nanosPerOp, double bytesPerOp) {
    }

    /** {@link #of} over each fork's measured iterations, in the order they ran. */
    static Paired fromForks(List<List<Iteration>> forks) {
        List<Double> variantNanos = new ArrayList<>();
        List<Double> variantBytes = new ArrayList<>();
        List<Double> rawNanos = new ArrayList<>();
        List<Double> rawBytes = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (List<Iteration> iterations : forks) {
            for (int first = 0; first + 1 < iterations.size(); first += 2) {
                boolean rawFirst = rawRunsAt(first);
                Iteration raw = iterations.get(rawFirst ? first : first + 1);
                Iteration variant = iterations.get(rawFirst ? first + 1 : first);
                rawNanos.add(raw.nanosPerOp());
                variantNanos.add(variant.nanosPerOp());
                rawBytes.add(raw.bytesPerOp());
                variantBytes.add(variant.bytesPerOp());
                shares.add(raw.nanosPerOp() / variant.nanosPerOp());
            }
        }
        if (shares.isEmpty()) {
            return null;
        }
        double[] sorted = shares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Paired(mean(variantNanos), mean(variantBytes), mean(rawNanos), mean(rawBytes),
                quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), sorted.length);
    }

    /** An iteration's {@code gc.alloc.rate.norm}, NaN without the GC profiler. */
    static double allocation(IterationResult iteration) {
        Result<?> bytes = iteration.getSecondaryResults().get(OverheadReport.GC_ALLOCATION_PER_OP);
        return bytes == null ? Double.NaN : bytes.getScore();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Linear interpolation between the nearest ranks of {@code sorted} (not empty). */
    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    /**
     * One variant beside raw in the same forks.
     *
     * @param nanosPerOp      the variant's mean time per operation over its paired iterations
     * @param bytesPerOp      the variant's {@code gc.alloc.rate.norm}, mean over the same iterations
     * @param rawNanosPerOp   raw's mean time per operation in the same forks
     * @param rawBytesPerOp   raw's {@code gc.alloc.rate.norm} in the same forks
     * @param throughputShare median over pairs of raw time / variant time
     * @param shareLow        25th percentile of the pairs' shares
     * @param shareHigh       75th percentile of the pairs' shares
     * @param pairs           complete pairs measured
     */
    record Paired(double nanosPerOp, double bytesPerOp, double rawNanosPerOp, double rawBytesPerOp,
                  double throughputShare, double shareLow, double shareHigh, int pairs) {
    }
}
