package io.querylens.driver.stream;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens and closes the event queue once on a daemon thread, {@value #THREAD_NAME}, before the application connects,
 * so that the first connection does not pay Chronicle's start-up (about 0.5 s of CPU loading and initialising its
 * classes, interpreted) on the application's thread. The agent starts it from {@code premain}; the engine built at the
 * first connection then opens the same queue in a few tens of milliseconds.
 *
 * <p>It begins {@value #START_DELAY_MILLIS} ms after {@link #start}: on two cores, running beside the JVM's own
 * start-up it slowed a short application that never connects by 50 to 190 ms, and it gained an application that
 * connects at once nothing measurable (its first connection waits for the queue either way). An application whose
 * first connection comes before the warm-up began opens the queue itself, as without a warm-up, and the warm-up is
 * dropped.
 *
 * <p>Chronicle's static initialisers are not safe to run from two threads at once (two classes initialising each
 * other from different threads deadlock), so {@link EventStream}'s opener calls {@link #beforeStreamOpens} first: it
 * either drops a warm-up that has not begun or waits for the one running. Nothing is written here: an application
 * that never connects leaves an empty queue (its metadata file) behind and no event. Every failure is silent: the
 * stream opens the queue again and reports what is wrong once, as without this.
 */
public final class QueueWarmUp {
    public static final String THREAD_NAME = "querylens-stream-warmup";
    static final long START_DELAY_MILLIS = 500;
    /** The stream waits at most this long for a warm-up; the first connection waits at most OPEN_WAIT overall. */
    private static final long AWAIT_MILLIS = 4_000;

    private static QueueWarmUp current;

    private final Thread thread;
    /** Taken by whichever comes first: the warm-up thread when its delay ends, or the stream about to open. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile boolean opened;

    private QueueWarmUp(Path directory, String rollCycle, int retainCycles, long delayMillis) {
        this.thread = new Thread(() -> run(directory, rollCycle, retainCycles, delayMillis), THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the warm-up when this configuration streams (a queue directory, Chronicle present, stream enabled) and no
     * warm-up was started yet in this JVM. Never throws: without a warm-up the first connection only waits longer.
     *
     * @return whether a warm-up thread was started
     */
    public static synchronized boolean start(QueryLensConfig config) {
        try {
            String directory = QueueDirectory.resolve(config.string(ConfigKey.QUEUE_DIR));
            if (directory.isEmpty() || config.list(ConfigKey.DETECTORS_DISABLED).contains(EventStream.NAME)
                    || !EventStream.chronicleAvailable() || current != null) {
                return false;
            }
            current = begin(Path.of(directory), config.choice(ConfigKey.QUEUE_ROLL_CYCLE),
                    config.integer(ConfigKey.QUEUE_RETAIN_CYCLES), START_DELAY_MILLIS);
            return true;
        } catch (Throwable notStarted) {
            return false;
        }
    }

    static QueueWarmUp begin(Path directory, String rollCycle, int retainCycles, long delayMillis) {
        // Before any Chronicle class loads, as in EventStream's opener.
        System.setProperty("chronicle.analytics.disable", "true");
        QueueWarmUp warmUp = new QueueWarmUp(directory, rollCycle, retainCycles, delayMillis);
        warmUp.thread.start();
        return warmUp;
    }

    /** Called on the stream thread before it first touches Chronicle. */
    static void beforeStreamOpens() {
        QueueWarmUp warmUp = current();
        if (warmUp != null) {
            warmUp.finishOrDrop();
        }
    }

    /**
     * The engine is being built for a first connection: a warm-up that has not begun would only begin beside it and
     * then make the stream wait for a second open, so it is dropped and the stream opens the queue itself.
     */
    public static void dropIfNotBegun() {
        QueueWarmUp warmUp = current();
        if (warmUp != null && warmUp.claimed.compareAndSet(false, true)) {
            warmUp.thread.interrupt();
        }
    }

    static synchronized QueueWarmUp current() {
        return current;
    }

    /** Drops the warm-up if it has not begun; otherwise waits (bounded) for it to end. */
    void finishOrDrop() {
        if (thread == Thread.currentThread()) {
            return;
        }
        if (claimed.compareAndSet(false, true)) {
            thread.interrupt();
            return;
        }
        try {
            thread.join(AWAIT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** Whether the warm-up opened and closed the queue. */
    boolean opened() {
        return opened;
    }

    private void run(Path directory, String rollCycle, int retainCycles, long delayMillis) {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException dropped) {
            return;
        }
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (EventStream.jvmIsShuttingDown()) {
                return;
            }
            ChronicleEventQueue.open(directory, rollCycle, retainCycles).close();
            opened = true;
        } catch (Throwable ignored) {
            // The stream's own open meets the same failure and reports it once (EventStream#openWhenDue).
        }
    }
}
