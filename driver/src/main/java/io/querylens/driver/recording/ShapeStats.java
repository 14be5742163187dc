package io.querylens.driver.recording;

import io.querylens.driver.sql.QueryShape;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.PackedHistogram;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency and counts for one query shape.
 *
 * <p>Threading contract: {@link #record} and {@link #addRows} are called by any number of application threads and
 * never wait: a latency and a row count go together into one entry of the {@link LatencyLog} (the thread's own buffer
 * there); only the rare error count is a {@link LongAdder}. The histograms and the row total are written only by
 * whoever drains the log and read only by QueryLens's own threads, both under the log's lock ({@link #harvest},
 * {@link #rows} and the readers drain the log first, so they see every execution that completed before the call).
 *
 * <p>Latency is recorded in microseconds over a fixed range, 1 µs to 1 h with 2 significant digits: values are
 * clamped into the range first, because {@code recordValue} throws above its highest trackable value.
 *
 * <p>Memory: the drained interval is one fixed-range histogram of int counts (13.5 KB, made at the first drain, so a
 * shape that was prepared and never run has none); the cumulative and not-yet-shipped totals are packed histograms
 * that grow with the buckets really used (about 2 KB each for a typical spread), so a tracked shape costs ~18 KB
 * (it cost ~57 KB with two atomic histograms per shape, ~108 KB with HdrHistogram's {@code Recorder}).
 */
public final class ShapeStats {
    public static final long LOWEST_DISCERNIBLE_MICROS = 1;
    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    public static final int SIGNIFICANT_VALUE_DIGITS = 2;
    /** The interval is folded into the totals before any of its int counts could overflow. */
    private static final long FOLD_INTERVAL_AT = 1L << 30;

    private final QueryShape shape;
    /** Itself, or for a statement carrying {@code querylens:allow} comments the comment-free shape's stats. */
    private final ShapeStats primary;
    private final LatencyLog log;
    private final LongAdder errors;
    private final long firstSeenEpochMillis;
    private volatile int announced;
    private static final AtomicIntegerFieldUpdater<ShapeStats> ANNOUNCED =
            AtomicIntegerFieldUpdater.newUpdater(ShapeStats.class, "announced");

    // Drained and reader side, guarded by the log's lock; unused in a variant, which always defers to its primary.
    /**
     * Rows read or changed, in {@code drainedRows[ROWS]}. Counted through the log with the latency rather than in a
     * LongAdder per shape: the adder's compare-and-set was ~7 ns of a ~90 ns prepared select on one thread
     * (async-profiler), and its cells are shared by every thread running the shape. Not a field of this object: every
     * application thread reads this object's fields on every execution, and a drain writing beside them made each
     * drain take that cache line from every other core (32 threads on 2 cores, alternating single forks: 2,451 and
     * 2,452 ns/op per thread with the total beside those fields, 2,051 and 2,084 here). The slot sits in the middle of
     * a 128-byte array, so no neighbouring object shares its cache line. Null in a variant, whose primary counts.
     */
    private final long[] drainedRows;
    private static final int ROWS = 8;
    private IntCountsHistogram interval;
    private final Histogram cumulative;
    private final Histogram unshipped;

    // Variants of this shape by their allow comments; made at prepare time or on a text-cache miss, never per execution.
    private final ConcurrentHashMap<String, ShapeStats> variants = new ConcurrentHashMap<>(2);

    ShapeStats(QueryShape shape, LatencyLog log) {
        this.shape = shape;
        this.primary = this;
        this.log = log;
        this.cumulative = newPackedHistogram();
        this.unshipped = newPackedHistogram();
        this.errors = new LongAdder();
        this.drainedRows = new long[2 * ROWS];
        this.firstSeenEpochMillis = System.currentTimeMillis();
    }

    /**
     * A shape's statistics as seen by a statement that carries {@code querylens:allow} comments. Comments are not part
     * of a shape, so the two share one id, one histogram and one set of counters (recording is unchanged: the same
     * final fields), but each keeps its own {@link QueryShape}: detectors must see the allowance of the statement
     * that ran, not of whichever text reached the registry first.
     */
    private ShapeStats(QueryShape shape, ShapeStats primary) {
        this.shape = shape;
        this.primary = primary;
        this.log = primary.log;
        this.errors = primary.errors;
        this.drainedRows = null;
        this.firstSeenEpochMillis = primary.firstSeenEpochMillis;
        this.cumulative = null;
        this.unshipped = null;
    }

    /** The stats to use for {@code statement}, a shape with this one's id: this, or its variant for its comments. */
    ShapeStats forStatement(QueryShape statement) {
        if (!statement.hasAllowedKinds()) {
            return primary;
        }
        String key = String.join(",", statement.allowedFindingKinds());
        ShapeStats known = primary.variants.get(key);
        if (known != null) {
            return known;
        }
        ShapeStats fresh = new ShapeStats(statement, primary);
        ShapeStats raced = primary.variants.putIfAbsent(key, fresh);
        return raced != null ? raced : fresh;
    }

    public QueryShape shape() {
        return shape;
    }

    /**
     * True exactly once per shape, for whichever thread asks first: the engine uses it to tell detectors about a new
     * shape without a second map. After that it is one volatile read.
     */
    public boolean firstAnnouncement() {
        return announced == 0 && ANNOUNCED.compareAndSet(this, 0, 1);
    }

    /**
     * Records one execution, with the rows it read or changed, by the thread whose reused record is {@code on} (it
     * carries the thread's buffer).
     */
    public void record(long elapsedNanos, boolean failed, long rows, Execution on) {
        long micros = elapsedNanos / 1000;
        if (micros < LOWEST_DISCERNIBLE_MICROS) {
            micros = LOWEST_DISCERNIBLE_MICROS;
        } else if (micros > HIGHEST_TRACKABLE_MICROS) {
            micros = HIGHEST_TRACKABLE_MICROS;
        }
        log.record(on, primary, micros, rows);
        if (failed) {
            errors.increment();
        }
    }

    /** Rows read after the execution was recorded (a result set fetched by {@code getResultSet}). */
    public void addRows(long count, Execution on) {
        if (count > 0) {
            log.record(on, primary, LatencyLog.NO_LATENCY, count);
        }
    }

    /** One entry taken from the log; only under the log's lock, and only on a primary (the log holds primaries). */
    void drained(long micros, long rowCount) {
        if (micros != LatencyLog.NO_LATENCY) {
            recordDrained(micros);
        }
        if (rowCount != 0) {
            drainedRows[ROWS] += rowCount;
        }
    }

    private void recordDrained(long micros) {
        IntCountsHistogram drained = interval;
        if (drained == null) {
            drained = interval = new IntCountsHistogram(LOWEST_DISCERNIBLE_MICROS, HIGHEST_TRACKABLE_MICROS,
                    SIGNIFICANT_VALUE_DIGITS);
        }
        drained.recordValue(micros);
        if (drained.getTotalCount() >= FOLD_INTERVAL_AT) {
            foldInterval();
        }
    }

    /** Moves the drained interval into the cumulative and the not-yet-shipped totals; under the log's lock. */
    private void foldInterval() {
        IntCountsHistogram drained = interval;
        if (drained != null && drained.getTotalCount() > 0) {
            cumulative.add(drained);
            unshipped.add(drained);
            drained.reset();
        }
    }

    public long errors() {
        return errors.sum();
    }

    /** Rows read or changed by every execution that completed before this call (drains the log). */
    public long rows() {
        ShapeStats owner = primary;
        return log.locked(() -> owner.drainedRows[ROWS]);
    }

    public long firstSeenEpochMillis() {
        return firstSeenEpochMillis;
    }

    /**
     * Moves what was recorded since the last harvest into the cumulative histogram and into the not-yet-shipped
     * interval. Returns a copy of the cumulative histogram (microseconds).
     */
    public Histogram harvest() {
        return harvestWithTotals().latencies();
    }

    /** {@link #harvest} with the shape's error and row totals from the same drain (see {@link Drained}). */
    private Drained harvestWithTotals() {
        ShapeStats owner = primary;
        return log.locked(() -> {
            owner.foldInterval();
            return new Drained(owner.cumulative.copy(), owner.errors(), owner.drainedRows[ROWS]);
        });
    }

    /**
     * Latencies with the shape's error and row totals, all read in one drain of the log, so that they describe the same
     * executions (read one after the other, the totals could count executions drained after the latencies).
     */
    public record Drained(Histogram latencies, long errors, long rows) {
    }

    /**
     * Returns and resets the latencies recorded since the previous call (for the event stream), with the totals as of
     * the same drain. Drains first, so nothing recorded before this call is missed.
     */
    public Drained takeUnshippedInterval() {
        ShapeStats owner = primary;
        return log.locked(() -> {
            owner.foldInterval();
            Histogram copy = owner.unshipped.copy();
            owner.unshipped.reset();
            return new Drained(copy, errors(), owner.drainedRows[ROWS]);
        });
    }

    /** Puts an interval taken by {@link #takeUnshippedInterval} back, when it could not be shipped. */
    public void restoreUnshipped(Histogram interval) {
        ShapeStats owner = primary;
        log.locked(() -> {
            owner.unshipped.add(interval);
            return null;
        });
    }

    /** Harvests and summarises this shape for the public API: latencies and totals from one drain. */
    public ShapeSnapshot snapshot() {
        if (primary != this) {
            return primary.snapshot();
        }
        Drained drained = harvestWithTotals();
        Histogram total = drained.latencies();
        long count = total.getTotalCount();
        return new ShapeSnapshot(shape.hexId(), shape.text(), shape.kind(), count, drained.errors(), drained.rows(),
                count == 0 ? 0 : total.getValueAtPercentile(50),
                count == 0 ? 0 : total.getValueAtPercentile(95),
                count == 0 ? 0 : total.getValueAtPercentile(99),
                count == 0 ? 0 : total.getMaxValue(),
                count == 0 ? 0 : total.getMean(),
                count == 0 ? 0 : (long) (total.getMean() * count),
                firstSeenEpochMillis);
    }

    private static Histogram newPackedHistogram() {
        return new PackedHistogram(LOWEST_DISCERNIBLE_MICROS, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_VALUE_DIGITS);
    }
}
