package io.querylens.driver.finding;

import io.querylens.driver.sink.FindingSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every finding it is handed, and the name of the thread that handed it. */
final class RecordingSink implements FindingSink {
    private final List<Finding> received = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public void accept(Finding finding) {
        received.add(finding);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public void close() {
        closed = true;
    }

    List<Finding> received() {
        return List.copyOf(received);
    }

    List<String> threads() {
        return List.copyOf(threads);
    }

    boolean closed() {
        return closed;
    }
}
