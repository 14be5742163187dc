package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.internal.Faults;

import java.util.Objects;

/** Hands findings to a {@link FindingListener}; whatever the listener throws goes to {@link Faults}, never further. */
public final class ListenerSink implements FindingSink {
    private final FindingListener listener;
    private final Faults faults;
    private final String component;

    public ListenerSink(FindingListener listener, Faults faults) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.component = "listener " + listener.getClass().getName();
    }

    @Override
    public void accept(Finding finding) {
        try {
            listener.onFinding(finding);
        } catch (Throwable t) {
            faults.report(component, t);
        }
    }

    @Override
    public String toString() {
        return "ListenerSink[" + listener + "]";
    }
}
