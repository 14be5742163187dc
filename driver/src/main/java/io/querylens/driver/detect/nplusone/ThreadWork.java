package io.querylens.driver.detect.nplusone;

/**
 * Everything QueryLens keeps per application thread for N+1 detection, behind one {@link ThreadLocal} so that an
 * execution costs one lookup: the explicit unit of work attached to the thread, the {@code QueryLens.allow(...)}
 * scopes open on it, and the detector's cursor (recent shapes, the thread's own window).
 *
 * <p>Thread-confined: only the owning thread reads or writes these fields.
 */
final class ThreadWork {
    private static final ThreadLocal<ThreadWork> CURRENT = ThreadLocal.withInitial(ThreadWork::new);

    /** The innermost explicit unit of work attached to this thread, or null. */
    UnitOfWork unit;
    /** Bit {@code 1 << FindingKind.ordinal()} set while an allow scope for that kind is open on this thread. */
    long allowedKinds;
    private NPlusOneDetector cursorOwner;
    private ThreadCursor cursor;

    static ThreadWork current() {
        return CURRENT.get();
    }

    /** The cursor of {@code detector} for this thread; a new one when the engine (and so the detector) changed. */
    ThreadCursor cursorFor(NPlusOneDetector detector) {
        if (cursorOwner != detector) {
            cursorOwner = detector;
            cursor = new ThreadCursor();
        }
        return cursor;
    }

    /** The cursor if {@code detector} already made one on this thread, else null. */
    ThreadCursor existingCursor(NPlusOneDetector detector) {
        return cursorOwner == detector ? cursor : null;
    }
}
