package io.querylens.driver.sink;

import io.querylens.driver.finding.Deduplicator;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.Faults;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerSinkTest {
    private final RecordingLog log = new RecordingLog();
    private final Faults faults = new Faults(log);

    @Test
    void throwingListenerIsReportedAndDoesNotStopOtherListeners() {
        FindingListener throwing = finding -> {
            throw new IllegalStateException("listener bug");
        };
        List<Finding> received = new CopyOnWriteArrayList<>();
        ListenerSink throwingSink = new ListenerSink(throwing, faults);
        try (Deduplicator dedup = Deduplicator.builder(faults)
                .sinks(List.of(throwingSink, new ListenerSink(received::add, faults)))
                .drainInBackground(false).closeAtShutdown(false).build()) {
            dedup.report(Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING).fingerprint("a").build());
            dedup.report(Finding.builder(FindingKind.N_PLUS_ONE, Severity.WARNING).fingerprint("b").build());
            dedup.flush();
        }

        assertThat(received).extracting(Finding::fingerprint).containsExactly("a", "b");
        assertThat(faults.count("listener " + throwing.getClass().getName())).isEqualTo(2);
        assertThat(log.warnings()).singleElement().asString().contains("listener bug");
    }
}
