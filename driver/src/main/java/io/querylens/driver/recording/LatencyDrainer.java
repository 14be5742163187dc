package io.querylens.driver.recording;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread that empties a {@link LatencyLog}'s rings into the shapes' histograms, so that the application's
 * threads only ever write a slot. It paces itself by what it found: every 100 µs while a pass finds rings a quarter
 * full or more (millions of statements a second), every millisecond while there is some work, backing off to a tenth
 * of a second when there is none; a writer wakes it early only when it has backed off (a volatile read per quarter
 * ring, and an unpark at most once per back-off). Pacing by sleep rather than by a wake-up per batch keeps system
 * calls off the application's threads.
 *
 * <p>It holds its log weakly: an engine that is dropped without being closed (tests make many) takes its thread with
 * it at the next wake-up.
 */
final class LatencyDrainer implements Runnable {
    private static final long FLOODED_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long BUSY_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** From this long a sleep on, writers wake the drainer when a ring passes a quarter. */
    private static final long WAKEABLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

    private final WeakReference<LatencyLog> log;
    private final Thread thread;
    private volatile boolean backedOff;
    private volatile boolean stopped;

    private LatencyDrainer(LatencyLog log) {
        this.log = new WeakReference<>(log);
        this.thread = new Thread(this, "querylens-latency-drainer");
        thread.setDaemon(true);
        // Started from whichever application thread made the first shape: do not pin that thread's (web app's)
        // class loader for the life of the engine.
        thread.setContextClassLoader(null);
    }

    static LatencyDrainer start(LatencyLog log) {
        LatencyDrainer drainer = new LatencyDrainer(log);
        drainer.thread.start();
        return drainer;
    }

    @Override
    public void run() {
        long parkNanos = BUSY_PARK_NANOS;
        while (!stopped) {
            LatencyLog target = log.get();
            if (target == null) {
                return;
            }
            int drained;
            try {
                drained = target.drainAll();
            } catch (Throwable unexpected) {
                drained = 0; // a histogram cannot refuse a clamped value; never let the thread die on a surprise
            }
            target = null; // hold the log only weakly while parked
            if (drained >= LatencyLog.RING_CAPACITY / 4) {
                parkNanos = FLOODED_PARK_NANOS;
            } else if (drained > 0) {
                parkNanos = BUSY_PARK_NANOS;
            } else {
                parkNanos = Math.min(Math.max(parkNanos, BUSY_PARK_NANOS) * 2, IDLE_PARK_NANOS);
            }
            backedOff = parkNanos >= WAKEABLE_PARK_NANOS;
            LockSupport.parkNanos(this, parkNanos);
            backedOff = false;
        }
    }

    /** Called by writers whose ring passed a quarter: wakes the drainer only when it is in a long sleep. */
    void nudge() {
        if (backedOff) {
            backedOff = false;
            LockSupport.unpark(thread);
        }
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }
}
