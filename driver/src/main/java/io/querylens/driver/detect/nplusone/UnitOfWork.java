package io.querylens.driver.detect.nplusone;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scope the application names as one piece of work (a request, a job, a checkout), inside which repeated queries
 * are counted together: {@code try (var work = QueryLens.unitOfWork("checkout")) { … }}. It takes precedence over
 * every implicit scope (trace, transaction, idle window); see the package documentation for the order.
 *
 * <p>A unit is attached to the thread that opened it. To count statements that other threads run for it, hand them
 * {@link #wrap(Runnable)} / {@link #wrap(Callable)}, or call {@link #attach()} on that thread. Counts from all threads
 * merge into one lock-free table. {@link #close()} ends the unit (on any thread): its findings are reported then,
 * with final counts; statements still running on other threads afterwards are not counted.
 *
 * <p>Nested units are allowed: the innermost attached unit counts. Thread-safe.
 */
public final class UnitOfWork implements AutoCloseable {
    private final String name;
    private final Thread openingThread;
    private final UnitOfWork outer;
    private final AtomicReference<Binding> binding = new AtomicReference<>();
    private volatile boolean closed;

    private record Binding(NPlusOneDetector detector, CountingWindow window) {
    }

    private UnitOfWork(String name, UnitOfWork outer) {
        this.name = name == null || name.isBlank() ? "unnamed" : name;
        this.openingThread = Thread.currentThread();
        this.outer = outer;
    }

    /** Opens a unit and attaches it to the current thread. Use {@code QueryLens.unitOfWork(name)}. */
    public static UnitOfWork open(String name) {
        ThreadWork work = ThreadWork.current();
        UnitOfWork unit = new UnitOfWork(name, work.unit);
        work.unit = unit;
        return unit;
    }

    /** The innermost unit attached to the current thread, or null. */
    public static UnitOfWork current() {
        return ThreadWork.current().unit;
    }

    public String name() {
        return name;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Attaches this unit to the current thread until the returned handle is closed (the thread's previous unit is
     * restored then). For executors that do not go through {@link #wrap}.
     */
    public Attachment attach() {
        ThreadWork work = ThreadWork.current();
        UnitOfWork previous = work.unit;
        work.unit = this;
        return () -> ThreadWork.current().unit = previous;
    }

    /** {@code task}, run with this unit attached to whichever thread runs it. */
    public Runnable wrap(Runnable task) {
        return () -> {
            try (Attachment ignored = attach()) {
                task.run();
            }
        };
    }

    /** {@code task}, run with this unit attached to whichever thread runs it. */
    public <T> Callable<T> wrap(Callable<T> task) {
        return () -> {
            try (Attachment ignored = attach()) {
                return task.call();
            }
        };
    }

    /**
     * Ends the unit and reports what it found. On the opening thread this also restores the unit that was attached
     * before. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == openingThread) {
            ThreadWork work = ThreadWork.current();
            if (work.unit == this) {
                work.unit = outer;
            }
        }
        if (closed) {
            return;
        }
        closed = true;
        Binding bound = binding.get();
        if (bound != null) {
            bound.detector().endExplicit(bound.window());
        }
    }

    /**
     * The window this unit counts into for {@code detector}; made on the unit's first statement. Null once closed.
     * When the engine was replaced mid-unit, the new detector starts a new window (the old counts are reported).
     */
    CountingWindow windowFor(NPlusOneDetector detector, int slots) {
        if (closed) {
            return null;
        }
        Binding bound = binding.get();
        if (bound != null && bound.detector() == detector) {
            return bound.window();
        }
        Binding fresh = new Binding(detector, new CountingWindow(slots, CountingWindow.Kind.EXPLICIT, name, null));
        if (binding.compareAndSet(bound, fresh)) {
            if (bound != null) {
                bound.detector().endExplicit(bound.window());
            }
            return fresh.window();
        }
        Binding winner = binding.get();
        return winner != null && winner.detector() == detector ? winner.window() : null;
    }

    @Override
    public String toString() {
        return "UnitOfWork[" + name + (closed ? ", closed]" : "]");
    }

    /** Detaches a unit from a thread it was attached to. */
    @FunctionalInterface
    public interface Attachment extends AutoCloseable {
        @Override
        void close();
    }
}
