package io.querylens.driver.stream;

import io.querylens.driver.internal.Faults;

/**
 * The group of the stream thread, and so of the threads Chronicle starts from it (its resource releaser, its disk
 * space checker), which inherit their creator's group. Their uncaught errors come here instead of the application's
 * standard error. The case that matters: a process that exits while Chronicle is still starting up fails Chronicle's
 * own {@code Runtime.addShutdownHook} and kills its just-started threads with {@code NoClassDefFoundError}, a
 * screenful of trace in an application that did nothing wrong. During shutdown that is dropped; otherwise it is
 * reported through {@link Faults}, logged once.
 */
final class StreamThreadGroup extends ThreadGroup {
    private final Faults faults;

    StreamThreadGroup(Faults faults) {
        super(EventStream.THREAD_NAME);
        this.faults = faults;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (EventStream.jvmIsShuttingDown()) {
            return;
        }
        faults.report("stream-thread", failure);
    }
}
