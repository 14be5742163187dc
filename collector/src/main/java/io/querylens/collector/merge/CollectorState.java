package io.querylens.collector.merge;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.sink.FindingsFileFormat;
import io.querylens.driver.stream.StreamEvent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;

/**
 * Everything the collector merged from the queues: shapes, findings, the processes heard from and how many events
 * of each type were applied; and the collector's own faults. {@link #apply} is called by the ingest thread only; readers use the thread-safe parts.
 */
public final class CollectorState {
    private final ShapeAggregator shapes = new ShapeAggregator();
    private final FindingStore findings = new FindingStore();
    private final Map<String, Long> processesLastSeen = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> eventsByType = new ConcurrentHashMap<>();
    private final InternalErrors internalErrors = new InternalErrors();

    public InternalErrors internalErrors() {
        return internalErrors;
    }

    public ShapeAggregator shapes() {
        return shapes;
    }

    public FindingStore findings() {
        return findings;
    }

    public Map<String, Long> processesLastSeen() {
        return new LinkedHashMap<>(processesLastSeen);
    }

    /** Events applied, by type name ({@code shape_interval}, {@code finding}, … and {@code unreadable}). */
    public Map<String, Long> eventsByType() {
        Map<String, Long> copy = new LinkedHashMap<>();
        eventsByType.forEach((type, count) -> copy.put(type, count.get()));
        return copy;
    }

    public void restoreCounters(Map<String, Long> events, Map<String, Long> processes) {
        eventsByType.clear();
        events.forEach((type, count) -> eventsByType.put(type, new AtomicLong(count)));
        processesLastSeen.clear();
        processesLastSeen.putAll(processes);
    }

    /** Applies one decoded event (null: a type from a newer writer, counted and skipped). */
    public void apply(StreamEvent event) {
        if (event == null) {
            count("unknown");
            return;
        }
        processesLastSeen.merge(event.origin().key(), event.epochMillis(), Math::max);
        try {
            if (event instanceof StreamEvent.ShapeInterval interval) {
                shapes.interval(interval);
                count("shape_interval");
            } else if (event instanceof StreamEvent.ShapeSeen seen) {
                shapes.shapeSeen(seen);
                count("shape_seen");
            } else if (event instanceof StreamEvent.FindingReported reported) {
                Finding finding = FindingsFileFormat.fromLine(reported.findingJson());
                findings.put(event.origin().key(), finding);
                count("finding");
            } else if (event instanceof StreamEvent.DdlExecuted ddl) {
                shapes.ddlExecuted(ddl);
                count("ddl_executed");
            } else {
                count("process_started");
            }
        } catch (IOException | DataFormatException | RuntimeException unreadable) {
            countUnreadable();
        }
    }

    public void countUnreadable() {
        count("unreadable");
        internalErrors.count(InternalErrors.INGEST);
    }

    private void count(String type) {
        eventsByType.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
    }
}
