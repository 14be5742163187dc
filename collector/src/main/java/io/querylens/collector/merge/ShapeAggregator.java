package io.querylens.collector.merge;

import io.querylens.driver.sql.StatementKind;
import io.querylens.driver.stream.StreamEvent;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * Merges the histogram intervals of every process per (app, data source, shape), and remembers each shape's text and
 * which DDL shapes applications ran.
 *
 * <p>Thread-safe: the ingest thread applies events, the HTTP and metrics threads take copies; all under this
 * object's lock, which is held only for in-memory work.
 */
public final class ShapeAggregator {
    private final Map<ShapeKey, ShapeTotals> totals = new HashMap<>();
    private final Map<Long, ShapeText> texts = new HashMap<>();
    /** DDL shape ids an instrumented application reported executing, with when it was last seen. */
    private final Map<Long, Long> applicationDdl = new HashMap<>();

    public synchronized void shapeSeen(StreamEvent.ShapeSeen seen) {
        texts.putIfAbsent(seen.shapeId(), new ShapeText(seen.shapeId(), seen.kind(), seen.text()));
        if (seen.kind() == StatementKind.DDL) {
            applicationDdl.merge(seen.shapeId(), seen.epochMillis(), Math::max);
        }
    }

    public synchronized void interval(StreamEvent.ShapeInterval interval) throws DataFormatException {
        Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(interval.compressedHistogram()), 0);
        ShapeKey key = new ShapeKey(interval.origin().app(), interval.dataSource(), interval.shapeId());
        totals.computeIfAbsent(key, k -> new ShapeTotals())
                .add(histogram, interval.errors(), interval.rows(), interval.epochMillis());
    }

    public synchronized void ddlExecuted(StreamEvent.DdlExecuted ddl) {
        texts.putIfAbsent(ddl.shapeId(), new ShapeText(ddl.shapeId(), StatementKind.DDL, ddl.text()));
        applicationDdl.merge(ddl.shapeId(), ddl.epochMillis(), Math::max);
    }

    /** A copy of every series, safe to read without the lock. */
    public synchronized Map<ShapeKey, ShapeTotals> totals() {
        Map<ShapeKey, ShapeTotals> copy = new LinkedHashMap<>();
        totals.forEach((key, value) -> copy.put(key, value.copy()));
        return copy;
    }

    public synchronized ShapeText text(long shapeId) {
        return texts.get(shapeId);
    }

    public synchronized Map<Long, ShapeText> texts() {
        return new HashMap<>(texts);
    }

    public synchronized boolean applicationRanDdl(long shapeId) {
        return applicationDdl.containsKey(shapeId);
    }

    public synchronized Map<Long, Long> applicationDdl() {
        return new HashMap<>(applicationDdl);
    }

    /** Restores merged state from a checkpoint (the ingest thread, before it reads anything). */
    public synchronized void restore(Map<ShapeKey, Histogram> histograms, Map<ShapeKey, long[]> errorsRowsLastSeen,
                                     Map<Long, ShapeText> shapeTexts, Map<Long, Long> ddl) {
        totals.clear();
        histograms.forEach((key, histogram) -> {
            long[] extra = errorsRowsLastSeen.getOrDefault(key, new long[3]);
            totals.computeIfAbsent(key, k -> new ShapeTotals()).add(histogram, extra[0], extra[1], extra[2]);
        });
        texts.clear();
        texts.putAll(shapeTexts);
        applicationDdl.clear();
        applicationDdl.putAll(ddl);
    }
}
