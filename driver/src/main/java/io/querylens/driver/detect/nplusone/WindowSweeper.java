package io.querylens.driver.detect.nplusone;

import java.util.concurrent.locks.LockSupport;

/**
 * The detector's background daemon: ends idle thread and trace windows whose threads went quiet (so the last unit of
 * a thread that stops issuing statements is still reported) and windows of threads that died. It never touches an
 * application connection; the evaluation it triggers only builds and reports findings.
 */
final class WindowSweeper implements Runnable {
    private final NPlusOneDetector detector;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean running = true;

    private WindowSweeper(NPlusOneDetector detector, long periodNanos) {
        this.detector = detector;
        this.periodNanos = periodNanos;
        this.thread = new Thread(this, "querylens-nplusone-sweeper");
        thread.setDaemon(true);
    }

    static WindowSweeper start(NPlusOneDetector detector, long periodNanos) {
        WindowSweeper sweeper = new WindowSweeper(detector, periodNanos);
        sweeper.thread.start();
        return sweeper;
    }

    @Override
    public void run() {
        while (running) {
            LockSupport.parkNanos(this, periodNanos);
            try {
                detector.sweep(System.nanoTime());
            } catch (Throwable ignored) {
                // evaluate() reports its own faults; a failing sweep must not end the thread
            }
        }
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }
}
