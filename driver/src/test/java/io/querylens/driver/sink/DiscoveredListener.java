package io.querylens.driver.sink;

import io.querylens.driver.finding.Finding;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Named in this module's test {@code META-INF/services}: every engine built in a test JVM hands it findings. */
public final class DiscoveredListener implements FindingListener {
    static final List<Finding> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public void onFinding(Finding finding) {
        RECEIVED.add(finding);
    }
}
