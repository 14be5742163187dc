package io.querylens.collector.merge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's own faults, counted per component, for {@code querylens_internal_errors_total}. Every component
 * starts at 0 so the series exist (and {@code increase()} works) before the first fault. The drivers' faults are not
 * here: the event stream does not carry them (see {@code EventCodec}).
 */
public final class InternalErrors {
    /** An event that could not be decoded or applied. */
    public static final String INGEST = "ingest";
    /** A database poll that failed as a whole (a missing view or privilege is reported once, not counted). */
    public static final String DBSTATS = "dbstats";
    /** A checkpoint that could not be written. */
    public static final String CHECKPOINT = "checkpoint";

    private final Map<String, AtomicLong> byComponent = new LinkedHashMap<>();

    InternalErrors() {
        for (String component : new String[] {INGEST, DBSTATS, CHECKPOINT}) {
            byComponent.put(component, new AtomicLong());
        }
    }

    public void count(String component) {
        AtomicLong counter = byComponent.get(component);
        if (counter == null) {
            throw new IllegalArgumentException("unknown component " + component);
        }
        counter.incrementAndGet();
    }

    /** Component → faults since the collector started (the map is fixed at construction, so reading is safe). */
    public Map<String, Long> byComponent() {
        Map<String, Long> copy = new LinkedHashMap<>();
        byComponent.forEach((component, count) -> copy.put(component, count.get()));
        return copy;
    }
}
