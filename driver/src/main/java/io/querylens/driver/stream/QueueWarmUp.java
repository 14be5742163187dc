package io.querylens.driver.stream;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;

import java.nio.file.Path;

/**
 * Opens and closes the event queue once on a daemon thread, {@value #THREAD_NAME}, before the application connects,
 * so that the first connection does not pay Chronicle's start-up (about 0.5 s of CPU loading and initialising its
 * classes, interpreted) on the application's thread. The agent starts it from {@code premain}; the engine built at the
 * first connection then opens the same queue in a few tens of milliseconds.
 *
 * <p>Chronicle's static initialisers are not safe to run from two threads at once (two classes initialising each
 * other from different threads deadlock), so {@link EventStream}'s opener first waits for this thread to finish.
 * Nothing is written here: an application that never connects leaves an empty queue (its metadata file) behind and no
 * event. Every failure is silent: the stream opens the queue again and reports what is wrong once, as without this.
 */
public final class QueueWarmUp {
    public static final String THREAD_NAME = "querylens-stream-warmup";
    /** The stream waits at most this long for a warm-up; the first connection waits at most OPEN_WAIT overall. */
    private static final long AWAIT_MILLIS = 4_000;

    private static volatile Thread running;

    private QueueWarmUp() {
    }

    /**
     * Starts the warm-up when this configuration streams (a queue directory, Chronicle present, stream enabled) and no
     * warm-up ran yet in this JVM. Never throws: without a warm-up the first connection only waits longer.
     *
     * @return whether a warm-up thread was started
     */
    public static synchronized boolean start(QueryLensConfig config) {
        try {
            String directory = QueueDirectory.resolve(config.string(ConfigKey.QUEUE_DIR));
            if (directory.isEmpty() || config.list(ConfigKey.DETECTORS_DISABLED).contains(EventStream.NAME)
                    || !EventStream.chronicleAvailable() || running != null) {
                return false;
            }
            String rollCycle = config.choice(ConfigKey.QUEUE_ROLL_CYCLE);
            int retainCycles = config.integer(ConfigKey.QUEUE_RETAIN_CYCLES);
            // Before any Chronicle class loads, as in EventStream's opener.
            System.setProperty("chronicle.analytics.disable", "true");
            Thread thread = new Thread(() -> openAndClose(Path.of(directory), rollCycle, retainCycles), THREAD_NAME);
            thread.setDaemon(true);
            running = thread;
            thread.start();
            return true;
        } catch (Throwable notStarted) {
            return false;
        }
    }

    /** Called on the stream thread before it first touches Chronicle. */
    static void awaitFinished() {
        Thread thread = running;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(AWAIT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void openAndClose(Path directory, String rollCycle, int retainCycles) {
        try {
            if (EventStream.jvmIsShuttingDown()) {
                return;
            }
            ChronicleEventQueue.open(directory, rollCycle, retainCycles).close();
        } catch (Throwable ignored) {
            // The stream's own open meets the same failure and reports it once (EventStream#openWhenDue).
        }
    }
}
