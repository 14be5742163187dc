package io.querylens.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result: a workload run through one variant on some threads.
 *
 * @param suite           {@code stub} ({@link WrapperOverheadBench}), {@code contention} ({@link ContentionBench}) or
 *                        {@code postgres} ({@link PostgresBench})
 * @param connection      PostgreSQL only: {@code reused} or {@code pool}; empty otherwise
 * @param nanosPerOp      JMH's average time per operation, per thread
 * @param nanosErrorPerOp half-width of JMH's 99.9% confidence interval, NaN when too few iterations ran
 * @param bytesPerOp      {@code gc.alloc.rate.norm}: bytes allocated per operation, NaN without the GC profiler
 */
record Measurement(String suite, String workload, String variant, String connection, int threads, double nanosPerOp,
                   double nanosErrorPerOp, double bytesPerOp) {

    boolean sameCase(Measurement other) {
        return suite.equals(other.suite) && workload.equals(other.workload) && connection.equals(other.connection)
                && threads == other.threads;
    }

    /**
     * One measurement per case and variant: of the same case measured in several rounds, the one with the lowest
     * time (noise on a shared machine only adds time, to raw as much as to the others).
     */
    static List<Measurement> bestOfRounds(List<Measurement> rounds) {
        Map<String, Measurement> best = new LinkedHashMap<>();
        for (Measurement m : rounds) {
            String key = m.suite + "|" + m.workload + "|" + m.connection + "|" + m.threads + "|" + m.variant;
            best.merge(key, m, (a, b) -> b.nanosPerOp < a.nanosPerOp ? b : a);
        }
        return List.copyOf(best.values());
    }
}
