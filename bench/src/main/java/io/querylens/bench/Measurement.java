package io.querylens.bench;

/**
 * One benchmark result: a workload run through one variant on some threads.
 *
 * @param suite           {@code stub} ({@link WrapperOverheadBench}), {@code cold} ({@link ColdCacheBench}) or
 *                        {@code postgres} ({@link PostgresBench}); the contention suite is read as
 *                        {@link ThreadScaling} instead
 * @param connection      PostgreSQL only: {@code reused} or {@code pool}; empty otherwise
 * @param nanosPerOp      JMH's average time per operation, per thread
 * @param nanosErrorPerOp half-width of JMH's 99.9% confidence interval, NaN when too few iterations ran
 * @param bytesPerOp      {@code gc.alloc.rate.norm}: bytes allocated per operation, NaN without the GC profiler
 * @param pairedWithRaw   raw measured in the same forks ({@link PostgresBench}), or null when raw ran in forks of its own
 */
record Measurement(String suite, String workload, String variant, String connection, int threads, double nanosPerOp,
                   double nanosErrorPerOp, double bytesPerOp, PairedIterations.Paired pairedWithRaw) {

    Measurement(String suite, String workload, String variant, String connection, int threads, double nanosPerOp,
                double nanosErrorPerOp, double bytesPerOp) {
        this(suite, workload, variant, connection, threads, nanosPerOp, nanosErrorPerOp, bytesPerOp, null);
    }
}
