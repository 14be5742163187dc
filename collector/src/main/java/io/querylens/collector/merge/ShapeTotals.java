package io.querylens.collector.merge;

import io.querylens.driver.recording.ShapeStats;
import org.HdrHistogram.Histogram;

/**
 * Everything every process reported for one {@link ShapeKey}, merged: the latency histogram (microseconds, the
 * drivers' fixed range), errors and rows. Guarded by the owning {@link ShapeAggregator}.
 */
public final class ShapeTotals {
    private final Histogram latencyMicros = new Histogram(ShapeStats.LOWEST_DISCERNIBLE_MICROS,
            ShapeStats.HIGHEST_TRACKABLE_MICROS, ShapeStats.SIGNIFICANT_VALUE_DIGITS);
    private long errors;
    private long rows;
    private long lastSeenEpochMillis;

    void add(Histogram interval, long errors, long rows, long epochMillis) {
        latencyMicros.add(interval);
        this.errors += errors;
        this.rows += rows;
        this.lastSeenEpochMillis = Math.max(lastSeenEpochMillis, epochMillis);
    }

    public Histogram latencyMicros() {
        return latencyMicros;
    }

    public long executions() {
        return latencyMicros.getTotalCount();
    }

    public long errors() {
        return errors;
    }

    public long rows() {
        return rows;
    }

    public long lastSeenEpochMillis() {
        return lastSeenEpochMillis;
    }

    /** Total time in microseconds, from the histogram (exact to its 2 significant digits). */
    public double totalMicros() {
        return latencyMicros.getMean() * latencyMicros.getTotalCount();
    }

    /** A new total holding this one and {@code other}. */
    public ShapeTotals plus(ShapeTotals other) {
        ShapeTotals sum = copy();
        sum.add(other.latencyMicros, other.errors, other.rows, other.lastSeenEpochMillis);
        return sum;
    }

    ShapeTotals copy() {
        ShapeTotals copy = new ShapeTotals();
        copy.add(latencyMicros, errors, rows, lastSeenEpochMillis);
        return copy;
    }
}
