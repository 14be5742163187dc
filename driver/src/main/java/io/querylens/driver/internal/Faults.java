package io.querylens.driver.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * QueryLens's own failures: caught wherever our code runs on the application's thread and handed here, so they never
 * reach the application. The first failure per (component, exception class) is logged with its stack; later ones
 * are only counted ({@code querylens_internal_errors_total}). A component that keeps failing can ask
 * {@link #tooManyFailures} and switch itself off.
 *
 * <p>Thread-safe; {@link #report} may allocate (it runs only when something already went wrong).
 */
public final class Faults {
    /** After this many failures a detector is switched off: it is broken, and each failure costs the application. */
    public static final long DISABLE_AFTER_FAILURES = 100;

    private final Log log;
    private final Map<String, LongAdder> countsByComponentAndType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> countsByComponent = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    public Faults() {
        this(Log.forName("io.querylens"));
    }

    /** Logs through {@code log}: lets a test see what would be logged. */
    public Faults(Log log) {
        this.log = log;
    }

    public void report(String component, Throwable failure) {
        try {
            total.increment();
            countsByComponent.computeIfAbsent(component, c -> new LongAdder()).increment();
            String key = component + '|' + failure.getClass().getName();
            LongAdder count = countsByComponentAndType.computeIfAbsent(key, k -> new LongAdder());
            count.increment();
            if (count.sum() == 1) {
                log.warn("QueryLens internal error in " + component + " (the application is not affected; "
                        + "further errors of this type are counted, not logged)", failure);
            }
        } catch (Throwable ignored) {
            // Reporting a fault must never become a fault of its own.
        }
    }

    /** Logs a one-off operational warning (queue unusable, analysis unavailable) once per key. */
    public void warnOnce(String key, String message) {
        LongAdder count = countsByComponentAndType.computeIfAbsent("warn|" + key, k -> new LongAdder());
        count.increment();
        if (count.sum() == 1) {
            log.warn(message);
        }
    }

    /** Logs that something warned about earlier is working again (not counted as a failure). */
    public void note(String message) {
        try {
            log.info(message);
        } catch (Throwable ignored) {
            // Logging must never become a fault of its own.
        }
    }

    public boolean tooManyFailures(String component) {
        LongAdder count = countsByComponent.get(component);
        return count != null && count.sum() >= DISABLE_AFTER_FAILURES;
    }

    public long total() {
        return total.sum();
    }

    public long count(String component) {
        LongAdder count = countsByComponent.get(component);
        return count == null ? 0 : count.sum();
    }
}
