package io.querylens.bench;

/**
 * One benchmark result: a workload run through one variant on some threads.
 *
 * @param nanosPerOp    JMH's average time per operation, per thread
 * @param nanosErrorPerOp half-width of JMH's 99.9% confidence interval, NaN when too few iterations ran
 * @param bytesPerOp    {@code gc.alloc.rate.norm}: bytes allocated per operation, NaN without the GC profiler
 */
record Measurement(String workload, String variant, int threads, double nanosPerOp, double nanosErrorPerOp,
                   double bytesPerOp) {
}
