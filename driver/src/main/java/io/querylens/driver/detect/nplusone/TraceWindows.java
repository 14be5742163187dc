package io.querylens.driver.detect.nplusone;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Windows for trace-scoped units of work, shared by every thread that carries the trace's context: a fixed array of
 * slots keyed by trace id, claimed by CAS and freed when the trace has been idle for the idle window (or at a flush).
 * Preallocated, so a new request costs no allocation; when every slot is busy, statements fall back to the
 * transaction or thread window, and the miss is counted.
 *
 * <p>Threading contract: {@link #windowFor} is wait-free and called by application threads; {@link #sweep} and
 * {@link #closeAll} are called by the sweeper or a flushing thread.
 */
final class TraceWindows {
    private final AtomicReferenceArray<String> traceIds;
    private final CountingWindow[] windows;
    private final int mask;
    private long misses;

    TraceWindows(int traces, int slotsPerWindow) {
        int capacity = Integer.highestOneBit(Math.max(2, traces - 1)) << 1;
        this.mask = capacity - 1;
        this.traceIds = new AtomicReferenceArray<>(capacity);
        this.windows = new CountingWindow[capacity];
        for (int i = 0; i < capacity; i++) {
            windows[i] = new CountingWindow(slotsPerWindow, CountingWindow.Kind.TRACE, "trace", null);
        }
    }

    /** The window of {@code traceId}, claiming a free slot on its first statement; null when all are busy. */
    CountingWindow windowFor(String traceId, ThreadCursor cursor) {
        int cached = cursor.cachedTraceSlot;
        if (cached >= 0 && traceId.equals(cursor.cachedTraceId) && traceId.equals(traceIds.get(cached))) {
            return windows[cached];
        }
        int start = traceId.hashCode() & mask;
        for (int probe = 0; probe <= mask; probe++) {
            int slot = (start + probe) & mask;
            String owner = traceIds.get(slot);
            if (owner == null) {
                if (!traceIds.compareAndSet(slot, null, traceId)) {
                    probe--;
                    continue;
                }
                windows[slot].rekey(CountingWindow.Kind.TRACE, "trace " + traceId);
                return cache(cursor, traceId, slot);
            }
            if (owner.equals(traceId)) {
                return cache(cursor, traceId, slot);
            }
        }
        misses++; // racy statistic; exactness is not worth a contended counter on this path
        return null;
    }

    private CountingWindow cache(ThreadCursor cursor, String traceId, int slot) {
        cursor.cachedTraceId = traceId;
        cursor.cachedTraceSlot = slot;
        return windows[slot];
    }

    /** Ends every trace window idle for longer than {@code idleNanos}, handing each to {@code evaluate} first. */
    void sweep(long idleNanos, long nowNanos, Consumer<CountingWindow> evaluate) {
        for (int slot = 0; slot <= mask; slot++) {
            CountingWindow window = windows[slot];
            if (traceIds.get(slot) != null && window.idleLongerThan(idleNanos, nowNanos)) {
                end(slot, idleNanos, nowNanos, evaluate, false);
            }
        }
    }

    void closeAll(Consumer<CountingWindow> evaluate) {
        for (int slot = 0; slot <= mask; slot++) {
            if (traceIds.get(slot) != null) {
                end(slot, 0, 0, evaluate, true);
            }
        }
    }

    long misses() {
        return misses;
    }

    private void end(int slot, long idleNanos, long nowNanos, Consumer<CountingWindow> evaluate, boolean force) {
        CountingWindow window = windows[slot];
        if (!window.beginClose()) {
            return;
        }
        if (!force && !window.idleLongerThan(idleNanos, nowNanos)) {
            window.cancelClose(); // a statement arrived meanwhile
            return;
        }
        try {
            evaluate.accept(window);
        } finally {
            traceIds.set(slot, null);
            window.reopen();
        }
    }
}
