package io.querylens.testkit;

import java.util.concurrent.Callable;

/**
 * Starts a server the first time anyone asks and hands every later caller the same result. A failed start is
 * remembered too: retrying a server that could not start would cost each of the following tests the same seconds
 * and bury the first, informative error under copies.
 *
 * <p>Thread-safety: {@link #get()} may be called from any thread; the first caller starts the server while holding
 * this object's monitor, and concurrent callers wait for it.
 */
final class StartOnce<T> {
    private final String what;
    private final Callable<T> start;
    private T value;
    private RuntimeException failure;

    StartOnce(String what, Callable<T> start) {
        this.what = what;
        this.start = start;
    }

    synchronized T get() {
        if (value == null && failure == null) {
            try {
                value = start.call();
            } catch (Exception | LinkageError e) {
                failure = new IllegalStateException("could not start " + what + ": " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure.getCause());
        }
        return value;
    }
}
